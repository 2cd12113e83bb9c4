using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Functional.Core.Data;
using Functional.Core.Tests.Support;

namespace Functional.Core.Tests.Data;

// The Coursera ML exercise files (MATLAB 7 compressed, GLNXA64) against the CSVs scipy.io.loadmat made of them,
// written with Python repr, so every double must come back bit for bit (shared/data/*/SOURCE.md).
public class MatFileSharedDataTests
{
    [SkippableFact]
    public void Ex5data1_reads_the_six_column_vectors_of_the_csvs_bit_for_bit()
    {
        var mat = MatFile.Read(SharedData.Require("coursera-ml-ex5/ex5data1.mat"));

        Assert.Equal(new[] { "X", "y", "Xtest", "ytest", "Xval", "yval" }, mat.Keys);
        var parts = new[] { ("train", "X", "y"), ("val", "Xval", "yval"), ("test", "Xtest", "ytest") };
        foreach (var (suffix, x, y) in parts)
        {
            var csv = Csv(SharedData.Require($"coursera-ml-ex5/ex5data1_{suffix}.csv"));
            Assert.Equal(new[] { csv.Length, 1 }, mat[x].Dims);
            Assert.Equal(MatClass.Double, mat[x].Class);
            AssertBits(csv.Select(r => r[0]).ToArray(), mat[x].ToDoubles(), x);
            AssertBits(csv.Select(r => r[1]).ToArray(), mat[y].ToDoubles(), y);
        }
    }

    [SkippableTheory]
    [InlineData("ex6data1", 51)]
    [InlineData("ex6data2", 863)]
    [InlineData("ex6data3", 211)]
    public void Ex6data_X_and_its_uint8_stored_y_equal_the_csv_bit_for_bit(string name, int rows)
    {
        var mat = MatFile.Read(SharedData.Require($"coursera-ml-ex6/{name}.mat"));

        AssertXy(Csv(SharedData.Require($"coursera-ml-ex6/{name}.csv")), mat["X"], mat["y"], rows);
    }

    [SkippableFact]
    public void Ex6data3_Xval_equals_its_csv_to_the_10_significant_digits_the_csv_holds()
    {
        var mat = MatFile.Read(SharedData.Require("coursera-ml-ex6/ex6data3.mat"));
        var csv = Csv(SharedData.Require("coursera-ml-ex6/ex6data3_val.csv"));

        // oracle: ex6data3_val.csv, unlike the other CSVs, was written with %.10g, not repr: round the file's
        // doubles the same way (both roundings are correct, IEEE-exact) and compare those bit for bit.
        var rounded = mat["Xval"].ToDoubles()
            .Select(v => double.Parse(v.ToString("G10", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        Assert.Equal(new[] { 200, 2 }, mat["Xval"].Dims);
        AssertBits(csv.SelectMany(r => r[..2]).ToArray(), rounded.ToArray(), "Xval rounded to 10 digits");
        AssertBits(csv.Select(r => r[2]).ToArray(), mat["yval"].ToDoubles(), "yval");
    }

    [SkippableTheory]
    [InlineData("spamTrain", "X", "y", 4000)]
    [InlineData("spamTest", "Xtest", "ytest", 1000)]
    public void Spam_features_are_the_vocabulary_indices_listed_per_email(string name, string x, string y, int emails)
    {
        var mat = MatFile.Read(SharedData.Require($"coursera-ml-ex6/{name}.mat"));
        var lines = File.ReadAllLines(SharedData.Require($"coursera-ml-ex6/{name}.txt"));

        // oracle: SOURCE.md: one e-mail per line, the label then the 1-based indices of the features that are 1
        Assert.Equal(emails, lines.Length);
        Assert.Equal(new[] { emails, 1899 }, mat[x].Dims);
        Assert.Equal(new[] { emails, 1 }, mat[y].Dims);
        var expectedX = new double[emails * 1899];
        var expectedY = new double[emails];
        for (int i = 0; i < emails; i++)
        {
            var fields = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
            expectedY[i] = fields[0];
            foreach (int feature in fields[1..]) expectedX[i * 1899 + feature - 1] = 1;
        }
        AssertBits(expectedX, mat[x].ToDoubles(), x);
        AssertBits(expectedY, mat[y].ToDoubles(), y);
    }

    [SkippableFact]
    public void ReadVariable_reads_one_variable_and_a_missing_one_lists_those_present()
    {
        var path = SharedData.Require("coursera-ml-ex6/ex6data3.mat");

        var yval = MatFile.ReadVariable(path, "yval");
        var e = Assert.Throws<KeyNotFoundException>(() => MatFile.ReadVariable(path, "Xtest"));

        Assert.Equal(MatFile.Read(path)["yval"].ToDoubles(), yval.ToDoubles());
        Assert.Contains("no variable 'Xtest'", e.Message);
        Assert.Contains("it holds X, y, yval, Xval", e.Message);
    }

    private static void AssertXy(double[][] csv, MatArray x, MatArray y, int rows)
    {
        Assert.Equal(rows, csv.Length);
        Assert.Equal(new[] { rows, 2 }, x.Dims);
        AssertBits(csv.SelectMany(r => r[..2]).ToArray(), x.ToDoubles(), x.Name);
        AssertBits(csv.Select(r => r[2]).ToArray(), y.ToDoubles(), y.Name);
    }

    // Rows of a CSV with a header line; Python's repr round-trips through double.Parse.
    private static double[][] Csv(string path) =>
        File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();

    private static void AssertBits(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            if (BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i]))
                Assert.Fail($"{what}[{i}]: expected {expected[i]:R}, received {actual[i]:R}");
    }
}
