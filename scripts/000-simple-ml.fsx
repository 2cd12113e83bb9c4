// Lecture 000 (Watanabe, Keio): simple machine learning. Least squares through the origin (a spring), training vs
// generalisation error with polynomials, the wage regression with one-hot categories (minimum-norm least squares),
// optimizers compared on a 2-D bowl, and a DCGAN that learns to draw digits, each with figures under out/000/.
// Run: dotnet build -c Release && dotnet fsi scripts/000-simple-ml.fsx
//
// One file per section under 000/, each its own fsi unit that sees the units before it; each draws from its own
// seeded generator. The files in 000/ #load nothing themselves (see 003-deep-learning-ch5.fsx for why).
#load "common.fsx"
#load "000/setup.fsx"
#load "000/spring.fsx"
#load "000/overfitting.fsx"
#load "000/wage.fsx"
#load "000/optimizers.fsx"
#load "000/judge.fsx"
#load "000/dcgan.fsx"

open Common

finish "000"
