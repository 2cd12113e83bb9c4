/// The Porter stemmer (Text/PorterStemmer.fs) on the worked examples of Porter's paper and the deck's vocabulary.
module Functional.Tests.PorterStemmerTests

open Expecto
open Functional

/// oracle: M. F. Porter, "An algorithm for suffix stripping", Program 14(3), 1980 — the examples of steps 1–5, each
/// carried through the remaining steps by hand (so relational → relate in step 2, then → relat in step 5a), and the
/// paper's two whole-word examples (generalizations → gener, oscillators → oscil).
let private porter = [
    "caresses", "caress"
    "ponies", "poni"
    "ties", "ti"
    "caress", "caress"
    "cats", "cat"
    "feed", "feed"
    "agreed", "agre"
    "plastered", "plaster"
    "bled", "bled"
    "motoring", "motor"
    "sing", "sing"
    "conflated", "conflat"
    "troubled", "troubl"
    "sized", "size"
    "hopping", "hop"
    "tanned", "tan"
    "falling", "fall"
    "hissing", "hiss"
    "fizzed", "fizz"
    "failing", "fail"
    "filing", "file"
    "happy", "happi"
    "sky", "sky"
    "relational", "relat"
    "conditional", "condit"
    "rational", "ration"
    "valenci", "valenc"
    "digitizer", "digit"
    "conformabli", "conform"
    "radicalli", "radic"
    "differentli", "differ"
    "vileli", "vile"
    "analogousli", "analog"
    "vietnamization", "vietnam"
    "predication", "predic"
    "operator", "oper"
    "feudalism", "feudal"
    "decisiveness", "decis"
    "hopefulness", "hope"
    "callousness", "callous"
    "formaliti", "formal"
    "sensitiviti", "sensit"
    "sensibiliti", "sensibl"
    "triplicate", "triplic"
    "formative", "form"
    "electriciti", "electr"
    "goodness", "good"
    "revival", "reviv"
    "allowance", "allow"
    "inference", "infer"
    "airliner", "airlin"
    "gyroscopic", "gyroscop"
    "adjustable", "adjust"
    "defensible", "defens"
    "irritant", "irrit"
    "replacement", "replac"
    "dependent", "depend"
    "adoption", "adopt"
    "homologous", "homolog"
    "communism", "commun"
    "activate", "activ"
    "angulariti", "angular"
    "effective", "effect"
    "bowdlerize", "bowdler"
    "probate", "probat"
    "rate", "rate"
    "cease", "ceas"
    "controll", "control"
    "roll", "roll"
    "generalizations", "gener"
    "oscillators", "oscil"
]

[<Tests>]
let tests =
    testList "PorterStemmer" [
        test "Porter's worked examples stem as the paper says" {
            let wrong =
                porter |> List.filter (fun (word, stem) -> PorterStemmer.stem word <> stem)

            let shown =
                wrong |> List.map (fun (w, s) -> $"{w} → {PorterStemmer.stem w} (expected {s})")

            Expect.isEmpty shown "words stemmed differently"
        }
        test "the words of the deck's vocabulary: anyone, remove, guarantee, basenumber" {
            // oracle: the deck's vocab.txt lists anyon, remov, guarante and basenumb.
            let stems =
                [ "anyone"; "remove"; "guarantee"; "basenumber" ] |> List.map PorterStemmer.stem

            Expect.equal stems [ "anyon"; "remov"; "guarante"; "basenumb" ] "stems"
        }
        test "words of one or two letters stay as they are, as in Porter's reference implementation" {
            // oracle: Porter's reference C implementation skips words of length ≤ 2; the deck's vocab.txt lists is, as, us.
            Expect.equal
                ([ "a"; "is"; "as"; "us" ] |> List.map PorterStemmer.stem)
                [ "a"; "is"; "as"; "us" ]
                "short words"
        }
        test "stemming is safe from many threads at once" {
            let words = porter |> List.map fst |> List.toArray
            let expected = porter |> List.map snd |> List.toArray

            let results =
                Array.Parallel.init 64 (fun _ -> words |> Array.map PorterStemmer.stem)

            for r in results do
                Expect.equal r expected "every thread's stems"
        }
    ]
