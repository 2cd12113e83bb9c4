// The SMO solver behind Svm.fit: LIBSVM's second-order working-set selection (Fan, Chen & Lin 2005, "Working set
// selection using second order information for training SVM", JMLR 6), its pair update, clipping and bias rule.
module internal Functional.SmoSolver

open System

/// LIBSVM's TAU: the curvature used where k(xᵢ,xᵢ) + k(xⱼ,xⱼ) − 2k(xᵢ,xⱼ) ≤ 0.
let private tau = 1e-12

/// The dual solution: α, the gradient Qα − 1 at it, LIBSVM's ρ (b = −ρ), and how the iterations ended.
type Solution = {
    Alpha: float[]
    Gradient: float[]
    Rho: float
    Iterations: int
    Converged: bool
}

/// SMO on the dual with Qᵢⱼ = yᵢ yⱼ Kᵢⱼ, p = −1 and box 0 ≤ αᵢ ≤ c, for labels y = ±1 (LIBSVM Solver::Solve without
/// shrinking), stopping when m(α) − M(α) < tolerance or after maxIterations pair updates.
let solve (c: float) (tolerance: float) (maxIterations: int) (k: KernelRows) (y: float[]) : Solution =
    let n = y.Length
    let alpha = Array.zeroCreate<float> n
    let g = Array.create n -1.0
    let qd = k.Diagonal
    let mutable iterations = 0
    let mutable converged = false
    let mutable running = true

    while running do
        // i: the index in I_up with the largest −yₜ ∇f(α)ₜ.
        let mutable gmax = Double.NegativeInfinity
        let mutable i = -1

        for t in 0 .. n - 1 do
            if y[t] > 0.0 then
                if alpha[t] < c && -g[t] >= gmax then
                    gmax <- -g[t]
                    i <- t
            elif alpha[t] > 0.0 && g[t] >= gmax then
                gmax <- g[t]
                i <- t

        // j: among I_low, the index whose pair with i decreases the objective most (second-order rule).
        let mutable gmax2 = Double.NegativeInfinity
        let mutable j = -1
        let mutable best = Double.PositiveInfinity

        if i >= 0 then
            let ki, oi = k.Row i

            for t in 0 .. n - 1 do
                // gradDiff stays 0 (not a candidate) for t outside I_low.
                let mutable gradDiff = 0.0

                if y[t] > 0.0 then
                    if alpha[t] > 0.0 then
                        gmax2 <- max gmax2 g[t]
                        gradDiff <- gmax + g[t]
                elif alpha[t] < c then
                    gmax2 <- max gmax2 -g[t]
                    gradDiff <- gmax - g[t]

                if gradDiff > 0.0 then
                    let quad = qd[i] + qd[t] - 2.0 * ki[oi + t]
                    let curvature = if quad > 0.0 then quad else tau
                    let decrease = -(gradDiff * gradDiff) / curvature

                    if decrease <= best then
                        best <- decrease
                        j <- t

        if i < 0 || j < 0 || gmax + gmax2 < tolerance then
            converged <- true
            running <- false
        elif iterations >= maxIterations then
            running <- false
        else
            iterations <- iterations + 1
            let ki, oi = k.Row i
            let kj, oj = k.Row j
            let kij = ki[oi + j]
            let oldI, oldJ = alpha[i], alpha[j]
            let quad = qd[i] + qd[j] - 2.0 * kij
            let curvature = if quad > 0.0 then quad else tau

            if y[i] <> y[j] then
                let delta = (-g[i] - g[j]) / curvature
                let diff = alpha[i] - alpha[j]
                alpha[i] <- alpha[i] + delta
                alpha[j] <- alpha[j] + delta

                if diff > 0.0 then
                    if alpha[j] < 0.0 then
                        alpha[j] <- 0.0
                        alpha[i] <- diff
                elif alpha[i] < 0.0 then
                    alpha[i] <- 0.0
                    alpha[j] <- -diff

                if diff > 0.0 then
                    if alpha[i] > c then
                        alpha[i] <- c
                        alpha[j] <- c - diff
                elif alpha[j] > c then
                    alpha[j] <- c
                    alpha[i] <- c + diff
            else
                let delta = (g[i] - g[j]) / curvature
                let sum = alpha[i] + alpha[j]
                alpha[i] <- alpha[i] - delta
                alpha[j] <- alpha[j] + delta

                if sum > c then
                    if alpha[i] > c then
                        alpha[i] <- c
                        alpha[j] <- sum - c
                elif alpha[j] < 0.0 then
                    alpha[j] <- 0.0
                    alpha[i] <- sum

                if sum > c then
                    if alpha[j] > c then
                        alpha[j] <- c
                        alpha[i] <- sum - c
                elif alpha[i] < 0.0 then
                    alpha[i] <- 0.0
                    alpha[j] <- sum

            // ∇f(α)ₜ += Qₜᵢ Δαᵢ + Qₜⱼ Δαⱼ, with Qₜᵢ = yₜ yᵢ Kₜᵢ.
            let di = y[i] * (alpha[i] - oldI)
            let dj = y[j] * (alpha[j] - oldJ)

            for t in 0 .. n - 1 do
                g[t] <- g[t] + y[t] * (di * ki[oi + t] + dj * kj[oj + t])

    // ρ: the mean of yₜ∇ₜ over free αₜ, else the middle of the feasible interval (LIBSVM calculate_rho).
    let mutable upper = Double.PositiveInfinity
    let mutable lower = Double.NegativeInfinity
    let mutable free = 0
    let mutable freeSum = 0.0

    for t in 0 .. n - 1 do
        let yg = y[t] * g[t]

        if alpha[t] >= c then
            if y[t] < 0.0 then
                upper <- min upper yg
            else
                lower <- max lower yg
        elif alpha[t] <= 0.0 then
            if y[t] > 0.0 then
                upper <- min upper yg
            else
                lower <- max lower yg
        else
            free <- free + 1
            freeSum <- freeSum + yg

    {
        Alpha = alpha
        Gradient = g
        Rho =
            if free > 0 then
                freeSum / float free
            else
                (upper + lower) / 2.0
        Iterations = iterations
        Converged = converged
    }
