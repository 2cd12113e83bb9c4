namespace Functional.CSharp

open System
open System.Runtime.CompilerServices
open System.Runtime.InteropServices
open System.Collections.Generic
open Deedle
open Functional

/// <summary>Deedle frames to one-hot columns and design matrices, for C#: the <c>OneHot</c> and
/// <c>DesignMatrix</c> functions with column names as arguments (<c>params string[]</c>) instead of F# lists,
/// <c>frame.OneHotEncode("education").ToDesignMatrixExcept("salary")</c>.</summary>
[<AbstractClass; Sealed; Extension>]
type DataFrameExtensions =
    /// <summary>Replaces each named column by one 0/1 column per category, named <c>column_category</c>, sorted, after
    /// the untouched columns: OneHot.encode.</summary>
    /// <exception cref="T:System.ArgumentException">A column is missing or named twice, or has a missing
    /// value.</exception>
    [<Extension>]
    static member OneHotEncode(frame: Frame<'R, string>, [<ParamArray>] columns: string[]) : Frame<'R, string> =
        Arguments.notNull (nameof columns) columns
        OneHot.encode (List.ofArray columns) frame

    /// <summary>The named numeric columns, in that order, as a float64 matrix [m, n] with their names:
    /// DesignMatrix.ofFrame.</summary>
    /// <exception cref="T:System.ArgumentException">No columns are named; a column is missing, not numeric, or has a
    /// missing value.</exception>
    [<Extension>]
    static member ToDesignMatrix(frame: Frame<'R, string>, [<ParamArray>] columns: string[]) : DesignMatrix =
        Arguments.notNull (nameof columns) columns
        DesignMatrix.ofFrame (List.ofArray columns) frame

    /// <summary>Every column but the excluded ones (such as the target), in frame order, as a float64 matrix with
    /// their names: DesignMatrix.ofFrameExcept.</summary>
    /// <exception cref="T:System.ArgumentException">An excluded column is missing; no column is left; a column is not
    /// numeric or has a missing value.</exception>
    [<Extension>]
    static member ToDesignMatrixExcept(frame: Frame<'R, string>, [<ParamArray>] excluded: string[]) : DesignMatrix =
        Arguments.notNull (nameof excluded) excluded
        DesignMatrix.ofFrameExcept (List.ofArray excluded) frame

/// <summary>Vocabulary look-ups for C#: <c>TryIndex</c>'s F# option as
/// <c>bool TryGetIndex(word, out index)</c>.</summary>
[<AbstractClass; Sealed; Extension>]
type VocabularyExtensions =
    /// <summary>The 1-based index of <paramref name="word"/>; false when the vocabulary lacks it.</summary>
    [<Extension>]
    static member TryGetIndex(vocabulary: Vocabulary, word: string, [<Out>] index: byref<int>) : bool =
        Arguments.notNull (nameof vocabulary) vocabulary

        match vocabulary.TryIndex word with
        | Some i ->
            index <- i
            true
        | None ->
            index <- 0
            false

/// <summary>Registered lecture data for C# (<c>Datasets</c> forwards): the files and dataset names as read-only lists,
/// the cache probe as <c>bool TryGetCached(dataset, name, out path)</c>, full MNIST from any fetch function.
/// <c>Datasets.Fetch(dataset, name)</c> and <c>Mnist.Load()</c> need no facade.</summary>
[<AbstractClass; Sealed>]
type DataFiles =
    /// <summary>The registered files of <paramref name="dataset"/>: Datasets.files.</summary>
    /// <exception cref="T:System.ArgumentException">No such dataset; the message lists the datasets.</exception>
    static member Files(dataset: string) : IReadOnlyList<Functional.Core.Data.Remote.RemoteFile> =
        Functional.Core.Data.Remote.DataRegistry.Of dataset

    /// <summary>Every registered dataset's name: Datasets.names.</summary>
    static member Names() : IReadOnlyList<string> =
        Functional.Core.Data.Remote.DataRegistry.Datasets

    /// <summary>The cached, verified copy of the registered file, never touching the network: Datasets.tryCached.</summary>
    static member TryGetCached(dataset: string, name: string, [<Out>] path: byref<string>) : bool =
        match Datasets.tryCached dataset name with
        | Some p ->
            path <- p
            true
        | None ->
            path <- ""
            false

    /// <summary>Full MNIST from four remote files, each obtained through <paramref name="fetch"/>: Mnist.loadFiles.</summary>
    static member LoadMnist
        (
            fetch: Func<Functional.Core.Data.Remote.RemoteFile, string>,
            files: IEnumerable<Functional.Core.Data.Remote.RemoteFile>
        ) : Mnist.Dataset =
        Arguments.notNull (nameof fetch) fetch
        Arguments.notNull (nameof files) files
        Mnist.loadFiles fetch.Invoke files
