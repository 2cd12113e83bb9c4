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
    /// For float64 results against oracle numbers copied with 10 significant digits.
    let oracle = { Absolute = 1e-12; Relative = 1e-9 }

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
                failtestf
                    "%s: element %d is %.12g, expected %.12g (tolerance %g + %g·|e|)\nactual   %O\nexpected %O"
                    message
                    i
                    a[i]
                    e[i]
                    tol.Absolute
                    tol.Relative
                    actual
                    expected

    /// The tensor holds these values (as float64, within the tolerance; NaN matches only NaN) in this shape.
    let tensorValuesWithin (tol: Tolerance) (actual: Tensor) (dims: int list) (values: float list) (message: string) =
        Expect.equal (List.ofArray actual.Dims) dims $"{message}: shape"
        let a = actual.ToFloatArray()
        Expect.equal a.Length values.Length $"{message}: element count"

        List.iteri
            (fun i (e: float) ->
                if not (within tol a[i] e) then
                    failtestf
                        "%s: element %d is %.12g, expected %.12g (tolerance %g + %g·|e|)\nactual %O"
                        message
                        i
                        a[i]
                        e
                        tol.Absolute
                        tol.Relative
                        actual)
            values

    /// The tensor holds these values (as float64, to float32 precision) in this shape.
    let tensorValues (actual: Tensor) (dims: int list) (values: float list) (message: string) =
        tensorValuesWithin Tolerance.float32 actual dims values message

    /// Every element is finite (neither NaN nor ±inf).
    let allFinite (actual: Tensor) (message: string) =
        if actual.ToFloatArray() |> Array.exists (fun v -> not (System.Double.IsFinite v)) then
            failtestf "%s: expected only finite values, received %O" message actual

    /// f throws an exception of type 'E whose message contains every one of the fragments.
    let throwsWith<'E when 'E :> exn> (f: unit -> unit) (fragments: string list) (message: string) =
        let thrown =
            try
                f ()
                None
            with e ->
                Some e

        match thrown with
        | None -> failtestf "%s: expected %s, nothing was thrown" message typeof<'E>.Name
        | Some(:? 'E as e) ->
            for fragment in fragments do
                if not (e.Message.Contains fragment) then
                    failtestf "%s: the message %A does not contain %A" message e.Message fragment
        | Some e -> failtestf "%s: expected %s, received %s: %s" message typeof<'E>.Name (e.GetType().Name) e.Message
