namespace Functional.Nn

open System
open System.Collections.Generic
open System.Globalization
open Functional.Core.Models
open Spectre.Console

/// What training tells whoever watches it.
type internal Reporter =
    abstract EpochStarted: epoch: int * steps: int -> unit
    abstract StepDone: step: int * loss: float -> unit
    abstract EpochDone: EpochRecord -> unit

/// Progress displays: a Spectre.Console live bar on a terminal, one plain line per epoch otherwise.
module internal Progress =
    let private inv (x: float) =
        x.ToString("0.0000", CultureInfo.InvariantCulture)

    let private metrics (prefix: string) (m: IReadOnlyDictionary<string, float>) =
        m
        |> Seq.map (fun kv -> $"  {prefix}{kv.Key} {inv kv.Value}")
        |> String.concat ""

    /// The one line an epoch prints: "epoch 3/10  loss 0.2345  accuracy 0.9123  val_loss 0.2511  1.2 s".
    let line (epochs: int) (e: EpochRecord) =
        let validation =
            match Option.ofNullable e.ValidationLoss with
            | Some v ->
                let extra = metrics "val_" e.ValidationMetrics
                $"  val_loss {inv v}{extra}"
            | None -> ""

        let seconds = e.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)
        let training = metrics "" e.Metrics
        $"epoch {e.Epoch}/{epochs}  loss {inv e.Loss}{training}{validation}  {seconds} s"

    let private silent = {
        new Reporter with
            member _.EpochStarted(_, _) = ()
            member _.StepDone(_, _) = ()
            member _.EpochDone _ = ()
    }

    let private lines (epochs: int) = {
        new Reporter with
            member _.EpochStarted(_, _) = ()
            member _.StepDone(_, _) = ()
            member _.EpochDone e = Console.Out.WriteLine(line epochs e)
    }

    /// One bar per epoch that fills with its steps, showing the running loss; finished epochs keep their line.
    let private bar (ctx: ProgressContext) (epochs: int) =
        let mutable task: ProgressTask option = None
        let mutable sum = 0.0
        let mutable epoch = 0

        {
            new Reporter with
                member _.EpochStarted(e, steps) =
                    epoch <- e
                    sum <- 0.0
                    task <- Some(ctx.AddTask($"epoch {e}/{epochs}", true, float (max 1 steps)))

                member _.StepDone(step, loss) =
                    sum <- sum + loss

                    task
                    |> Option.iter (fun t ->
                        t.Description <- $"epoch {epoch}/{epochs}  step {step}  loss {inv (sum / float step)}"
                        t.Increment 1.0)

                member _.EpochDone e =
                    task
                    |> Option.iter (fun t ->
                        t.Description <- Markup.Escape(line epochs e)
                        t.Value <- t.MaxValue
                        t.StopTask())
        }

    /// True when a live display makes sense: an interactive terminal whose output is not redirected.
    let private interactive () =
        not Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive

    /// Runs training with the display the mode asks for.
    let run (mode: ProgressMode) (epochs: int) (train: Reporter -> 'T) : 'T =
        match mode with
        | ProgressMode.Silent -> train silent
        | ProgressMode.Lines -> train (lines epochs)
        | ProgressMode.Auto when not (interactive ()) -> train (lines epochs)
        | _ ->
            let mutable result = Unchecked.defaultof<'T>

            AnsiConsole
                .Progress()
                .AutoClear(false)
                .Columns(
                    [|
                        TaskDescriptionColumn() :> ProgressColumn
                        ProgressBarColumn()
                        PercentageColumn()
                        RemainingTimeColumn()
                    |]
                )
                .Start(fun ctx -> result <- train (bar ctx epochs))

            result
