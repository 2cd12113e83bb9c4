// A vocabulary of stemmed words with 1-based indices (the deck's vocab.txt), and binary feature vectors over it.
namespace Functional

open System
open System.Collections.Generic
open System.IO

/// <summary>An ordered list of distinct words; word i (1-based, as vocab.txt numbers them) is feature i.</summary>
[<Sealed>]
type Vocabulary(words: string[]) =
    do
        if isNull (box words) then
            nullArg (nameof words)

    let positions =
        let d = Dictionary<string, int>(StringComparer.Ordinal)

        words
        |> Array.iteri (fun i w ->
            if isNull (box w) then
                raise (ArgumentException($"vocabulary: expected words, received null at index {i + 1}", nameof words))

            if not (d.TryAdd(w, i + 1)) then
                raise (
                    ArgumentException(
                        $"vocabulary: expected distinct words, received \"{w}\" at {d[w]} and {i + 1}",
                        nameof words
                    )
                ))

        d

    let words = Array.copy words

    /// The number of words, n.
    member _.Count = words.Length

    /// The words in index order (index i at position i − 1).
    member _.Words: IReadOnlyList<string> = words

    /// <summary>The word with 1-based index i.</summary>
    /// <exception cref="T:System.ArgumentOutOfRangeException">i is outside 1 … n.</exception>
    member _.Word(index: int) : string =
        if index < 1 || index > words.Length then
            raise (
                ArgumentOutOfRangeException(
                    nameof index,
                    $"vocabulary: expected an index in 1 … {words.Length}, received {index}"
                )
            )

        words[index - 1]

    /// The 1-based index of a word, or None when the vocabulary lacks it.
    member _.TryIndex(word: string) : int option =
        match positions.TryGetValue word with
        | true, i -> Some i
        | _ -> None

/// Loading vocabularies and turning word indices into features.
[<RequireQualifiedAccess>]
module Vocabulary =
    /// <summary>A vocabulary from lines "index&lt;TAB&gt;word" (the deck's vocab.txt); the indices must run 1, 2, 3 …
    /// Blank lines are skipped.</summary>
    /// <exception cref="T:System.FormatException">A line is not "index&lt;TAB&gt;word", or the indices do not run
    /// 1, 2, 3 …, naming the line.</exception>
    [<CompiledName("OfLines")>]
    let ofLines (lines: string seq) : Vocabulary =
        if isNull (box lines) then
            nullArg (nameof lines)

        lines
        |> Seq.indexed
        |> Seq.filter (fun (_, line) -> not (String.IsNullOrWhiteSpace line))
        |> Seq.mapi (fun expected (lineNumber, line) ->
            let cells =
                line.Trim().Split([| '\t'; ' ' |], StringSplitOptions.RemoveEmptyEntries)

            match cells with
            | [| index; word |] when index = string (expected + 1) -> word
            | _ ->
                raise (
                    FormatException(
                        $"vocabulary: expected line {lineNumber + 1} to read \"{expected + 1}<TAB>word\", received \"{line}\""
                    )
                ))
        |> Seq.toArray
        |> Vocabulary

    /// <summary>Loads a vocabulary file of lines "index&lt;TAB&gt;word" (the deck's vocab.txt).</summary>
    /// <exception cref="T:System.IO.FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="T:System.FormatException">A line is malformed (see <c>Vocabulary.ofLines</c>).</exception>
    [<CompiledName("Load")>]
    let load (path: string) : Vocabulary = ofLines (File.ReadLines path)

    /// The 1-based index of a word, or None.
    [<CompiledName("TryIndex")>]
    let tryIndex (vocabulary: Vocabulary) (word: string) : int option = vocabulary.TryIndex word

    /// <summary>The binary feature vector of an e-mail (the deck's emailFeatures): x[i − 1] = 1 when index i occurs
    /// among the word indices, else 0; its length is the vocabulary's size.</summary>
    /// <example>With 1899 words, <c>Vocabulary.features vocabulary [| 86; 916; 86 |]</c> has two ones.</example>
    /// <exception cref="T:System.ArgumentOutOfRangeException">An index is outside 1 … n.</exception>
    [<CompiledName("Features")>]
    let features (vocabulary: Vocabulary) (wordIndices: int seq) : float[] =
        if isNull (box wordIndices) then
            nullArg (nameof wordIndices)

        let x = Array.zeroCreate vocabulary.Count

        for i in wordIndices do
            if i < 1 || i > vocabulary.Count then
                raise (
                    ArgumentOutOfRangeException(
                        nameof wordIndices,
                        $"features: expected word indices in 1 … {vocabulary.Count}, received {i}"
                    )
                )

            x[i - 1] <- 1.0

        x
