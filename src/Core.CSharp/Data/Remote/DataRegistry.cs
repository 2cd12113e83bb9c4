using System;
using System.Collections.Generic;
using System.Linq;

namespace Functional.Core.Data.Remote;

/// <summary>Every external file a lecture or a loader uses, with its public origins and pins. The values come from
/// the project's data origins table (URL pinned to a commit where the host allows it, SHA-256, MD5, size); they are
/// written here, not read at run time, so a changed origin cannot change what is accepted.</summary>
public static class DataRegistry
{
    private const string Ex6 =
        "https://raw.githubusercontent.com/nomadlife/MachineLearning/8f221aa334aed33c5161ceadf2f3a341a57f8a22/ex6/";

    /// <summary>All registered files, grouped by dataset.</summary>
    public static IReadOnlyList<RemoteFile> Files { get; } =
    [
        // kaityo256-python_zero
        Sha("kaityo256-python_zero", "salary.csv", 2714,
            "13fad7896b1cfabcd564833ad0afda8abdf8126b6ba092bfd2af91004d361eeb",
            "https://kaityo256.github.io/python_zero/ml/salary.csv", "https://raw.githubusercontent.com/kaityo256/python_zero/main/ml/salary.csv"),
        // coursera-ml-ex5
        Sha("coursera-ml-ex5", "ex5data1.mat", 1321,
            "4d48a9f7196c9367de427c5a52c40902b664104cbcc21b45a02523da097d29f6",
            "https://raw.githubusercontent.com/nomadlife/MachineLearning/8f221aa334aed33c5161ceadf2f3a341a57f8a22/ex5/ex5data1.mat"),
        // coursera-ml-ex6
        Sha("coursera-ml-ex6", "ex6data1.mat", 981,
            "9353dfe2fa619fb0cb5cc1cd2bb85215728e54c2f7d7fad8a080cfa7e0088947",
            Ex6 + "ex6data1.mat"),
        Sha("coursera-ml-ex6", "ex6data2.mat", 7604,
            "2923df9a76f1c922e99b2cd51a4410eb11dc89334b68acb2202d4d96227ab724",
            Ex6 + "ex6data2.mat"),
        Sha("coursera-ml-ex6", "ex6data3.mat", 6038,
            "1218828095bf91d215622d00b2a5b8784c359e29d9d9c5734949b8e60c5bc231",
            Ex6 + "ex6data3.mat"),
        Sha("coursera-ml-ex6", "spamTrain.mat", 428814,
            "0a3cd4b24216f9570e868ac5655309d9a1c3c09a86106accc53d7e2c1088a57d",
            Ex6 + "spamTrain.mat"),
        Sha("coursera-ml-ex6", "spamTest.mat", 112717,
            "408de039b59570868ff44aea6b9ebc8af45a21685d1155b4edab6c8178c93731",
            Ex6 + "spamTest.mat"),
        Sha("coursera-ml-ex6", "vocab.txt", 20240,
            "91e42a41b7a40759dca8bf5ad09cb90625405c37f4a93b3f77c1dcacdc46324e",
            Ex6 + "vocab.txt"),
        Sha("coursera-ml-ex6", "emailSample1.txt", 393,
            "121826570a33d58be9098be58af906c31af1e9056bf0e0d2222fdd6948b04a79",
            Ex6 + "emailSample1.txt"),
        Sha("coursera-ml-ex6", "emailSample2.txt", 1301,
            "0ee5440e1d74b1f8ebf7a3adb12f2c51966650825c4f64e6c22e10c95374c4f7",
            Ex6 + "emailSample2.txt"),
        Sha("coursera-ml-ex6", "spamSample1.txt", 655,
            "731bc9b6a4b18b5f9e3689e62ddc5bc61ecbaeb674dd803aa420923232bdeb63",
            Ex6 + "spamSample1.txt"),
        Sha("coursera-ml-ex6", "spamSample2.txt", 245,
            "291c38518af649b7c78ef896866ee063aa2da20dab1f2e7c75cdf36e7ce9dd9d",
            Ex6 + "spamSample2.txt"),
        // mnist
        Md5("mnist", "train-images-idx3-ubyte.gz", 9912422,
            "f68b3c2dcbeaaa9fbdd348bbdeb94873",
            "https://ossci-datasets.s3.amazonaws.com/mnist/train-images-idx3-ubyte.gz"),
        Md5("mnist", "train-labels-idx1-ubyte.gz", 28881,
            "d53e105ee54ea40749a09fcbcd1e9432",
            "https://ossci-datasets.s3.amazonaws.com/mnist/train-labels-idx1-ubyte.gz"),
        Md5("mnist", "t10k-images-idx3-ubyte.gz", 1648877,
            "9fb629c4189551a2d022fa330f9573f3",
            "https://ossci-datasets.s3.amazonaws.com/mnist/t10k-images-idx3-ubyte.gz"),
        Md5("mnist", "t10k-labels-idx1-ubyte.gz", 4542,
            "ec29112dd5afa0611ce80d1b7f02629c",
            "https://ossci-datasets.s3.amazonaws.com/mnist/t10k-labels-idx1-ubyte.gz"),
    ];

    /// <summary>The registered datasets, in registry order.</summary>
    public static IReadOnlyList<string> Datasets { get; } = Files.Select(f => f.Dataset).Distinct().ToArray();

    /// <summary>The registered file <paramref name="name"/> of <paramref name="dataset"/>.</summary>
    /// <exception cref="ArgumentException">No such dataset, or no such file in it; the message lists what there is.</exception>
    public static RemoteFile Find(string dataset, string name)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(name);
        var inDataset = Of(dataset);
        return inDataset.FirstOrDefault(f => f.Name == name)
            ?? throw new ArgumentException(
                $"DataRegistry.Find: expected a file of dataset '{dataset}' ("
                + string.Join(", ", inDataset.Select(f => f.Name)) + $"), received '{name}'", nameof(name));
    }

    /// <summary>The registered files of <paramref name="dataset"/>, in registry order.</summary>
    /// <exception cref="ArgumentException">No such dataset; the message lists the datasets.</exception>
    public static IReadOnlyList<RemoteFile> Of(string dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var files = Files.Where(f => f.Dataset == dataset).ToArray();
        if (files.Length == 0)
            throw new ArgumentException(
                "DataRegistry: expected a registered dataset (" + string.Join(", ", Datasets)
                + $"), received '{dataset}'", nameof(dataset));
        return files;
    }

    private static RemoteFile Sha(string dataset, string name, long size, string sha256, params string[] urls) =>
        new(dataset, name, urls, size, sha256, null);

    private static RemoteFile Md5(string dataset, string name, long size, string md5, params string[] urls) =>
        new(dataset, name, urls, size, null, md5);
}
