/// Grids of small grey-scale images (digits, generated samples) drawn pixel by pixel with SkiaSharp.
[<RequireQualifiedAccess>]
module Functional.PlotImages

open System
open System.IO
open SkiaSharp

/// <summary>One row of an image grid: a label at its left and its images, each with a caption below (or "").</summary>
type ImageRow = {
    /// Shown left of the row ("predicted 3").
    Label: string
    /// Images of side × side pixels, row-major, values in [0, 1] (0 black, 1 white).
    Images: float32[][]
    /// One caption per image ("true 5"), or an empty array.
    Captions: string[]
}

let private writeAtomically (path: string) (bytes: byte[]) =
    let full = Path.GetFullPath path
    let folder = Path.GetDirectoryName full |> Option.ofObj |> Option.defaultValue "."
    Directory.CreateDirectory folder |> ignore
    let temp = Path.Combine(folder, $".{Path.GetFileName full}.{Guid.NewGuid():N}.tmp")

    try
        File.WriteAllBytes(temp, bytes)
        File.Move(temp, full, true)
    finally
        if File.Exists temp then
            File.Delete temp

    full

/// <summary>Draws the rows of images as one PNG: a title on top, each row's label on the left, each image scaled by
/// <paramref name="scale"/> with its caption below. Values are clamped to [0, 1].</summary>
/// <returns>The full path written.</returns>
/// <exception cref="T:System.ArgumentException">No rows, an image that is not side × side, or captions of the wrong
/// count.</exception>
[<CompiledName("ImageGrid")>]
let imageGrid (title: string) (side: int) (scale: int) (rows: ImageRow list) (path: string) : string =
    let op = "imageGrid"

    if side < 1 || scale < 1 then
        invalidArg (nameof side) $"{op}: expected side >= 1 and scale >= 1, received {side}, {scale}"

    if rows.IsEmpty then
        invalidArg (nameof rows) $"{op}: expected at least one row, received none"

    for r in rows do
        match r.Images |> Array.tryFind (fun i -> isNull (box i) || i.Length <> side * side) with
        | Some i ->
            let length = if isNull (box i) then 0 else i.Length

            invalidArg
                (nameof rows)
                $"{op}: expected images of {side}x{side} = {side * side} pixels, received {length} in row \"{r.Label}\""
        | None -> ()

        if r.Captions.Length <> 0 && r.Captions.Length <> r.Images.Length then
            invalidArg
                (nameof rows)
                $"{op}: expected {r.Images.Length} captions in row \"{r.Label}\", received {r.Captions.Length}"

    Plot.nativeResolver.Force()
    let cell = side * scale
    let gap = 6
    let captioned = rows |> List.exists (fun r -> r.Captions.Length > 0)
    let captionHeight = if captioned then 16 else 0

    let labelWidth =
        if rows |> List.forall (fun r -> String.IsNullOrEmpty r.Label) then
            gap
        else
            110

    let titleHeight = if String.IsNullOrEmpty title then 8 else 34
    let columns = rows |> List.map (fun r -> r.Images.Length) |> List.max |> max 1
    let width = labelWidth + columns * (cell + gap) + gap
    let height = titleHeight + rows.Length * (cell + captionHeight + gap) + gap
    use bitmap = new SKBitmap(width, height)
    use canvas = new SKCanvas(bitmap)
    canvas.Clear SKColors.White
    use font = new SKFont(SKTypeface.Default, 14.0f)
    use titleFont = new SKFont(SKTypeface.Default, 18.0f)
    use ink = new SKPaint(Color = SKColors.Black, IsAntialias = true)

    if not (String.IsNullOrEmpty title) then
        canvas.DrawText(title, float32 gap, 24.0f, titleFont, ink)

    rows
    |> List.iteri (fun r row ->
        let top = titleHeight + r * (cell + captionHeight + gap)
        canvas.DrawText(row.Label, float32 gap, float32 (top + cell / 2 + 5), font, ink)

        row.Images
        |> Array.iteri (fun c image ->
            let left = labelWidth + c * (cell + gap)

            for y in 0 .. side - 1 do
                for x in 0 .. side - 1 do
                    let v = Math.Clamp(image[y * side + x], 0.0f, 1.0f)
                    let g = byte (MathF.Round(v * 255.0f))
                    use paint = new SKPaint(Color = SKColor(g, g, g))

                    canvas.DrawRect(
                        float32 (left + x * scale),
                        float32 (top + y * scale),
                        float32 scale,
                        float32 scale,
                        paint
                    )

            if row.Captions.Length > 0 then
                canvas.DrawText(row.Captions[c], float32 left, float32 (top + cell + 13), font, ink)))

    use image = SKImage.FromBitmap bitmap
    use data = image.Encode(SKEncodedImageFormat.Png, 100)
    writeAtomically path (data.ToArray())
