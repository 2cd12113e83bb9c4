/// The deck's e-mail preprocessing (Text/EmailPreprocessing.fs) on small hand-written e-mails.
module Functional.Tests.EmailPreprocessingTests

open Expecto
open Functional

/// A short spam e-mail with HTML, a price, a URL holding digits and an address.
let private email =
    "<p>Win $1,000 NOW!!! Visit http://spam.example.com/offer?id=42 or mail Deals@Example.com</p>"

let private vocabulary =
    Vocabulary.ofLines [ "1\tdollarnumb"; "2\temailaddr"; "3\thttpaddr"; "4\tnumber"; "5\twin" ]

[<Tests>]
let tests =
    testList "EmailPreprocessing" [
        test "normalize lower-cases, blanks tags, and replaces numbers, then URLs, addresses and dollars, in that order" {
            // oracle: processEmail.m's regexprep steps applied by hand; the URL's "42" is already "number" when the URL goes.
            Expect.equal
                (EmailPreprocessing.normalize email)
                " win dollarnumber,number now!!! visit httpaddr or mail emailaddr "
                "normalised"
        }
        test "words splits on the deck's delimiters, drops punctuation and stems" {
            // oracle: processEmail.m by hand: ',' and '!' are delimiters; "dollarnumber" stems to "dollarnumb".
            Expect.equal
                (EmailPreprocessing.words email)
                [|
                    "win"
                    "dollarnumb"
                    "number"
                    "now"
                    "visit"
                    "httpaddr"
                    "or"
                    "mail"
                    "emailaddr"
                |]
                "words"
        }
        test "processEmail keeps the indices of known words in order, repeats included" {
            let processed = EmailPreprocessing.processEmail vocabulary (email + " win")
            Expect.equal processed.WordIndices [| 5; 1; 4; 3; 2; 5 |] "indices"
            Expect.equal (EmailPreprocessing.features vocabulary email) [| 1.0; 1.0; 1.0; 1.0; 1.0 |] "features"
        }
        test "apostrophes, tabs and characters outside a-z0-9 are handled as processEmail does" {
            // ' is a delimiter; a tab is not, so "x\ty" loses the tab and becomes one word "xy".
            Expect.equal (EmailPreprocessing.words "You're great; x\ty") [| "you"; "re"; "great"; "xy" |] "words"
        }
        test "an e-mail with no words gives none" {
            Expect.isEmpty (EmailPreprocessing.words " <b></b> !!! ... ") "no words"
        }
    ]
