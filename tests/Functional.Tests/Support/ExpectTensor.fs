/// Expectations on tensors that show actual, expected and the tolerance when they fail.
[<AutoOpen>]
module Functional.Tests.ExpectTensor

open Expecto
open Functional

/// Absolute + relative tolerance: |a − e| ≤ absolute + relative · |e|.
type Tolerance = { Absolute: float; Relative: float }

module Tolerance =
    /// For float64 gradient checks against central differences with h = 1e-6.
    let gradient = { Absolute = 1e-5; Relative = 1e-4 }
    /// For exact-ish float64 results.
    let tight = { Absolute = 1e-10; Relative = 1e-10 }
    /// For float32 results.
    let float32 = { Absolute = 1e-5; Relative = 1e-5 }

let private within (tol: Tolerance) (a: float) (e: float) =
    (System.Double.IsNaN a && System.Double.IsNaN e)
    || a = e
    || abs (a - e) <= tol.Absolute + tol.Relative * abs e

module Expect =
    /// Shapes equal and every element within the tolerance (NaN matches only NaN).
    let tensorClose (tol: Tolerance) (actual: Tensor) (expected: Tensor) (message: string) =
        if actual.Shape <> expected.Shape then
            failtestf "%s: shapes differ, actual %O, expected %O" message actual.Shape expected.Shape
        let a = actual.ToFloatArray()
        let e = expected.ToFloatArray()
        for i in 0 .. a.Length - 1 do
            if not (within tol a[i] e[i]) then
                failtestf "%s: element %d is %.12g, expected %.12g (tolerance %g + %g·|e|)\nactual   %O\nexpected %O"
                    message i a[i] e[i] tol.Absolute tol.Relative actual expected

    /// The tensor holds exactly these values (as float64) in this shape.
    let tensorValues (actual: Tensor) (dims: int list) (values: float list) (message: string) =
        Expect.equal (List.ofArray actual.Dims) dims $"{message}: shape"
        let a = actual.ToFloatArray()
        Expect.equal a.Length values.Length $"{message}: element count"
        List.iteri (fun i (e: float) ->
            if not (within Tolerance.float32 a[i] e) then
                failtestf "%s: element %d is %.9g, expected %.9g\nactual %O" message i a[i] e actual) values

    /// f throws an exception of type 'E whose message contains every one of the fragments.
    let throwsWith<'E when 'E :> exn> (f: unit -> unit) (fragments: string list) (message: string) =
        let thrown =
            try
                f ()
                None
            with e -> Some e
        match thrown with
        | None -> failtestf "%s: expected %s, nothing was thrown" message typeof<'E>.Name
        | Some(:? 'E as e) ->
            for fragment in fragments do
                if not (e.Message.Contains fragment) then
                    failtestf "%s: the message %A does not contain %A" message e.Message fragment
        | Some e -> failtestf "%s: expected %s, received %s: %s" message typeof<'E>.Name (e.GetType().Name) e.Message
