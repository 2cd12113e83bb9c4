// Porter stemming through Lucene.Net's Snowball port of Porter's algorithm, as the spam vocabulary expects.
namespace Functional

open System
open System.Threading
open Lucene.Net.Tartarus.Snowball.Ext

/// <summary>Porter's suffix-stripping stemmer (M. F. Porter, "An algorithm for suffix stripping", Program 14(3),
/// 1980), by Lucene.Net.Analysis.Common's Snowball <c>PorterStemmer</c>: anyone → anyon, remove → remov,
/// guarantee → guarante, as the deck's vocabulary (vocab.txt) lists them.</summary>
[<RequireQualifiedAccess>]
module PorterStemmer =
    // Lucene's stemmer keeps its word in mutable fields: one instance per thread, so stemming is thread-safe.
    let private stemmer = new ThreadLocal<PorterStemmer>(fun () -> PorterStemmer())

    /// <summary>The stem of a lower-case word; words of one or two letters come back as they are.</summary>
    /// <remarks>Porter's reference implementation (and the deck's porterStemmer.m, ported from it) leaves words of
    /// one or two letters alone, "although no mention is made of this in the published algorithm"; Lucene's Snowball
    /// port does not (is → i, us → u). The deck's vocabulary lists "is", "as" and "us", so we follow the reference.</remarks>
    /// <example><c>PorterStemmer.stem "relational"</c> = "relat"; <c>PorterStemmer.stem "ponies"</c> = "poni".</example>
    /// <remarks>Porter's algorithm is defined on lower-case letters: lower-case the word first (the e-mail
    /// preprocessing does).</remarks>
    [<CompiledName("Stem")>]
    let stem (word: string) : string =
        if isNull (box word) then
            nullArg (nameof word)

        if word.Length <= 2 then
            word
        else
            let s = stemmer.Value
            s.SetCurrent word |> ignore
            s.Stem() |> ignore
            s.Current
