#!/usr/bin/python3
"""The scikit-learn comparison cases (Debian python3-sklearn), with the command line of bench/Functional.Bench:
`sklearn_cases.py case NAME[-tN] [--threads N] [--repeats R] [--warmup W] [--budget S]`. Run it as bench/compare does:
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/peers/sklearn_cases.py case kmeans
Threads: OMP_NUM_THREADS / OPENBLAS_NUM_THREADS / MKL_NUM_THREADS are set to the case's count before NumPy loads
(OpenBLAS-openmp and scikit-learn's OpenMP loops read them then), and threadpoolctl limits both pools again at run
time. All data is float64, as ours."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402


def _threads_from_argv(argv):
    """The case's thread count, read before NumPy is imported: --threads N, else a -tN suffix, else 1."""
    if "--threads" in argv[:-1]:
        return argv[argv.index("--threads") + 1]
    if len(argv) > 2 and argv[1] == "case":
        return str(harness.split_threads(argv[2])[1] or 1)
    return "1"


for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = _threads_from_argv(sys.argv)

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.decomposition import PCA  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.neighbors import KNeighborsClassifier  # noqa: E402
from sklearn.svm import SVC  # noqa: E402
from threadpoolctl import threadpool_info, threadpool_limits  # noqa: E402

import recipe  # noqa: E402

_LIMITS = []


def set_threads(n):
    """BLAS and OpenMP pools limited to n threads for the rest of the process."""
    _LIMITS.append(threadpool_limits(limits=n))


def kmeans():
    """KMeans(8, init = the first 8 rows, n_init=1, max_iter=100, tol=0, lloyd) on 100,000 x 16: 100 iterations
    from the same centres as ours. Check: the inertia; extra: the iterations run."""
    x = recipe.kmeans_points()
    state = {}

    def run():
        state["fit"] = KMeans(n_clusters=8, init=x[:8], n_init=1, max_iter=100, tol=0.0, algorithm="lloyd").fit(x)

    return harness.Prepared(run, 1, None, lambda: state["fit"].inertia_,
                            lambda: {"iters": state["fit"].n_iter_})


def pca():
    """PCA(50, svd_solver="full") on 10,000 x 784: LAPACK's full SVD (gesdd) of the centred data. Check: the sum of
    the 50 explained variances."""
    x = recipe.pca_points()
    state = {}

    def run():
        state["fit"] = PCA(n_components=50, svd_solver="full").fit(x)

    return harness.Prepared(run, 1, None, lambda: state["fit"].explained_variance_.sum())


def knn():
    """KNeighborsClassifier(3, algorithm="brute"): fit on 8,000 x 784, predict 2,000 queries. Check: the accuracy
    of the predictions against the queries' labels; extra: the 3-way ties."""
    x, y, q, t = recipe.knn_points()
    state = {}

    def run():
        state["model"] = KNeighborsClassifier(n_neighbors=3, algorithm="brute").fit(x, y)
        state["predicted"] = state["model"].predict(q)

    def ties():
        """Queries whose 3 neighbours carry 3 different labels: there the tie rules differ (scikit-learn takes the
        smallest label, ours the nearest neighbour's)."""
        labels = y[state["model"].kneighbors(q, return_distance=False)]
        return {"ties3": int(np.sum((labels[:, 0] != labels[:, 1]) & (labels[:, 0] != labels[:, 2])
                                    & (labels[:, 1] != labels[:, 2])))}

    return harness.Prepared(run, 1, None, lambda: float(np.mean(state["predicted"] == t)), ties)


def svm(kernel):
    """SVC on the spam-sized data (4,000 x 1,899 binary): linear with C = 0.1, or RBF with C = 1 and
    gamma = 1/(2 sigma^2) for sigma = 6 (1/72: a typical pair of rows is ~74 apart in squared distance).
    Other settings are SVC's defaults (tol 1e-3, 200 MB cache, shrinking). Check: the training accuracy; extra: the
    number of support vectors."""
    x, y = recipe.spam_points()
    model = (lambda: SVC(C=0.1, kernel="linear")) if kernel == "linear" else (
        lambda: SVC(C=1.0, kernel="rbf", gamma=1.0 / (2.0 * 6.0 ** 2)))
    state = {}

    def run():
        state["fit"] = model().fit(x, y)

    return harness.Prepared(run, 1, None, lambda: state["fit"].score(x, y),
                            lambda: {"sv": int(state["fit"].n_support_.sum())})


def logistic_objective(x, y, lam, w, b):
    """J(w, b) = sum_i [log(1 + e^z_i) - y_i z_i] + (lam / 2) |w|^2, z = b + x w: what logistic-fit minimises (as
    Classic.logisticObjective, summed in float64)."""
    z = b + x @ w
    return float(np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * lam * np.dot(w, w))


def logistic_fit():
    """LogisticRegression(C=1, solver="lbfgs") on logistic-fit's 20,000 x 50: the L2 penalty (1/C) |w|^2 / 2 on the
    summed log-loss, intercept unpenalised; stops at a projected gradient of tol = 1e-4 (the default), max_iter 1000
    (the default 100 is a limit, not the stopping rule it means to be). Check: J at the fit; extra: iterations."""
    x, y = recipe.logistic_fit_points()
    state = {}

    def run():
        state["fit"] = LogisticRegression(C=1.0, solver="lbfgs", tol=1e-4, max_iter=1000).fit(x, y)

    return harness.Prepared(run, 1, None,
                            lambda: logistic_objective(x, y, 1.0, state["fit"].coef_[0], state["fit"].intercept_[0]),
                            lambda: {"iters": int(state["fit"].n_iter_[0])})


CASES = {
    "kmeans": kmeans,
    "pca": pca,
    "knn": knn,
    "svm-linear": lambda: svm("linear"),
    "svm-rbf": lambda: svm("rbf"),
    "logistic-fit": logistic_fit,
}


def info():
    """Header lines: versions and the thread pools scikit-learn sees."""
    debian = subprocess.run(["dpkg-query", "-W", "-f", "${Package} ${Version}, ", "python3-sklearn", "python3-numpy",
                             "python3-threadpoolctl", "libopenblas0-openmp"],
                            capture_output=True, text=True).stdout.rstrip(", ") or "?"
    print(f"# peer: scikit-learn {sklearn.__version__}, numpy {np.__version__}, python {sys.version.split()[0]} "
          f"(Debian: {debian})")
    pools = ", ".join(" ".join(filter(None, (p["internal_api"], p.get("version"))))
                      + f" ({os.path.basename(p['filepath'])})" for p in threadpool_info())
    print(f"# peer pools: {pools}; each limited to the case's threads (threadpoolctl and OMP/OPENBLAS_NUM_THREADS)")


if __name__ == "__main__":
    sys.exit(harness.main("sklearn", CASES, set_threads, info))
