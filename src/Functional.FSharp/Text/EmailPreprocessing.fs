// The deck's processEmail (Coursera ML ex6): normalise an e-mail, split it into words, stem them and look them up.
namespace Functional

open System
open System.Text.RegularExpressions

/// <summary>An e-mail after preprocessing.</summary>
type ProcessedEmail = {
    /// The stemmed words, in order (those outside the vocabulary included): what the deck prints.
    Words: string[]
    /// The 1-based vocabulary indices of the words found in the vocabulary, in order, repeats kept (the deck's
    /// word_indices).
    WordIndices: int[]
}

/// <summary>The preprocessing of the deck's processEmail.m: lower-case; HTML tags → space; runs of digits → "number";
/// http(s) URLs → "httpaddr"; e-mail addresses → "emailaddr"; runs of $ → "dollar"; split on the deck's delimiters;
/// drop non-alphanumerics; Porter-stem; keep non-empty words.</summary>
[<RequireQualifiedAccess>]
module EmailPreprocessing =
    let private tags = Regex(@"<[^<>]+>", RegexOptions.Compiled)
    let private numbers = Regex(@"[0-9]+", RegexOptions.Compiled)
    let private urls = Regex(@"(http|https)://[^\s]*", RegexOptions.Compiled)
    let private addresses = Regex(@"[^\s]+@[^\s]+", RegexOptions.Compiled)
    let private dollars = Regex(@"[$]+", RegexOptions.Compiled)
    let private nonAlphanumeric = Regex(@"[^a-zA-Z0-9]", RegexOptions.Compiled)

    /// The deck's strtok delimiters: ' @$/#.-:&*+=[]?!(){},''">_<;%' and the line breaks char(10), char(13).
    let private delimiters = " @$/#.-:&*+=[]?!(){},'\">_<;%\n\r".ToCharArray()

    /// <summary>The normalised text, before splitting: lower-cased, tags to spaces, then numbers, URLs, addresses and
    /// dollar signs replaced, in the deck's order (so digits inside a URL become "number" before the URL goes).</summary>
    /// <example><c>EmailPreprocessing.normalize "Costs $100 at http://x.com/"</c> = "costs dollarnumber at httpaddr".</example>
    [<CompiledName("Normalize")>]
    let normalize (email: string) : string =
        if isNull (box email) then
            nullArg (nameof email)

        let text = email.ToLowerInvariant()
        let text = tags.Replace(text, " ")
        let text = numbers.Replace(text, "number")
        let text = urls.Replace(text, "httpaddr")
        let text = addresses.Replace(text, "emailaddr")
        dollars.Replace(text, "dollar")

    /// <summary>The normalised e-mail split on the deck's delimiters, non-alphanumerics dropped, each word
    /// Porter-stemmed; empty words are left out.</summary>
    /// <example><c>EmailPreprocessing.words "Anyone knows how much it costs?"</c> = [| "anyon"; "know"; "how"; "much"; "it"; "cost" |].</example>
    [<CompiledName("Words")>]
    let words (email: string) : string[] =
        (normalize email).Split(delimiters, StringSplitOptions.RemoveEmptyEntries)
        |> Array.map (fun token -> nonAlphanumeric.Replace(token, ""))
        |> Array.filter (fun word -> word.Length > 0)
        |> Array.map PorterStemmer.stem
        |> Array.filter (fun word -> word.Length > 0)

    /// <summary>The deck's processEmail: the stemmed words and the vocabulary indices of those it knows, in order.</summary>
    /// <example>The deck's emailSample1.txt gives 53 indices, starting 86 916 794 1077 883.</example>
    [<CompiledName("Process")>]
    let processEmail (vocabulary: Vocabulary) (email: string) : ProcessedEmail =
        if isNull (box vocabulary) then
            nullArg (nameof vocabulary)

        let stems = words email

        {
            Words = stems
            WordIndices = stems |> Array.choose vocabulary.TryIndex
        }

    /// <summary>The e-mail's binary feature vector over the vocabulary (see <c>Vocabulary.features</c>).</summary>
    [<CompiledName("Features")>]
    let features (vocabulary: Vocabulary) (email: string) : float[] =
        Vocabulary.features vocabulary (processEmail vocabulary email).WordIndices
