// Lecture 003 (Deep Learning §5.5–5.11, Goodfellow et al.): MLE, Bayesian linear regression, logistic regression, SVMs
// and the kernel trick, PCA, k-means seeding, minibatch SGD, kNN and the curse of dimensionality, each with a figure
// under out/003/. Run: dotnet build -c Release && dotnet fsi scripts/003-deep-learning-ch5.fsx
//
// One file per section under 003/, run in this order: they all draw from the generator in 003/setup.fsx, so moving a
// section changes the numbers of those after it. Each #load below is its own fsi unit that sees the units before it.
// The files in 003/ #load nothing themselves: a second #load of common.fsx would start a second report (the checks
// before it would be lost), and a file #loaded in one directive with others runs in a static initialiser, where the
// .NET 10 JIT's on-stack replacement of a hot loop can read that file's values as null (seen with mle.fsx).
#load "common.fsx"
#load "003/setup.fsx"
#load "003/mle.fsx"
#load "003/bayesian-regression.fsx"
#load "003/logistic.fsx"
#load "003/svm.fsx"
#load "003/pca.fsx"
#load "003/kmeans.fsx"
#load "003/minibatch-sgd.fsx"
#load "003/knn.fsx"
#load "003/curse-of-dimensionality.fsx"

open Common

finish "003"
