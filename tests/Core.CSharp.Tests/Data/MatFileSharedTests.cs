using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Functional.Core.Data;
using Functional.Core.Tests.Support;

namespace Functional.Core.Tests.Data;

/// <summary>The Coursera exercises' own MAT-files against the CSV conversions beside them, which scipy.io.loadmat
/// wrote with Python's repr (so double.Parse gives back the very same doubles).</summary>
public class MatFileSharedTests
{
    /// <summary>The CSV's columns (header skipped), row by row.</summary>
    private static double[][] Csv(string path) =>
        File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();

    /// <summary>Asserts that the variable is an n×columns double array equal to the CSV's columns from
    /// <paramref name="first"/> on: bit for bit, or within a relative <paramref name="digits"/> where the CSV was
    /// printed to fewer digits than a double holds.</summary>
    private static void Equal(MatArray variable, double[][] rows, int first, int columns, int digits = 17)
    {
        Assert.Equal([rows.Length, columns], variable.Dims);
        var values = variable.ToDoubles();
        for (int i = 0; i < rows.Length; i++)
            for (int j = 0; j < columns; j++)
                if (digits == 17)
                    Assert.Equal(BitConverter.DoubleToInt64Bits(rows[i][first + j]),
                        BitConverter.DoubleToInt64Bits(values[i * columns + j]));
                else
                    Assert.True(Math.Abs(values[i * columns + j] - rows[i][first + j])
                        <= 0.5 * Math.Pow(10, 1 - digits) * Math.Abs(values[i * columns + j]),
                        $"row {i}, column {j}: {values[i * columns + j]:R} against {rows[i][first + j]:R}");
    }

    [SkippableFact]
    public void Ex5data1_holds_the_training_validation_and_test_sets_of_its_csv_files_bit_for_bit()
    {
        var mat = MatFile.Read(SharedData.Require("coursera-ml-ex5/ex5data1.mat"));

        Assert.Equal(["X", "Xtest", "Xval", "y", "ytest", "yval"], mat.Select(v => v.Name).Order(StringComparer.Ordinal));
        foreach (var (x, y, csv) in new[] { ("X", "y", "train"), ("Xval", "yval", "val"), ("Xtest", "ytest", "test") })
        {
            var rows = Csv(SharedData.Require($"coursera-ml-ex5/ex5data1_{csv}.csv"));
            Equal(mat.Single(v => v.Name == x), rows, 0, 1);
            Equal(mat.Single(v => v.Name == y), rows, 1, 1);
        }
    }

    [SkippableTheory]
    [InlineData("ex6data1")]
    [InlineData("ex6data2")]
    [InlineData("ex6data3")]
    public void Ex6_data_sets_hold_their_csv_points_and_labels_bit_for_bit(string set)
    {
        string path = SharedData.Require($"coursera-ml-ex6/{set}.mat");

        var rows = Csv(SharedData.Require($"coursera-ml-ex6/{set}.csv"));
        Equal(MatFile.ReadVariable(path, "X"), rows, 0, 2);
        Equal(MatFile.ReadVariable(path, "y"), rows, 2, 1);
        if (set == "ex6data3")
        {
            var validation = Csv(SharedData.Require("coursera-ml-ex6/ex6data3_val.csv"));
            // ex6data3_val.csv was printed to 10 significant digits, not with repr (the .mat holds full doubles).
            Equal(MatFile.ReadVariable(path, "Xval"), validation, 0, 2, digits: 10);
            Equal(MatFile.ReadVariable(path, "yval"), validation, 2, 1);
        }
    }

    [SkippableTheory]
    [InlineData("spamTrain", "X", "y", 4000)]
    [InlineData("spamTest", "Xtest", "ytest", 1000)]
    public void Spam_sets_hold_the_word_features_and_labels_of_their_text_conversions(
        string set, string x, string y, int emails)
    {
        var mat = MatFile.Read(SharedData.Require($"coursera-ml-ex6/{set}.mat"));
        var lines = File.ReadAllLines(SharedData.Require($"coursera-ml-ex6/{set}.txt")).Where(l => l.Length > 0).ToArray();

        var features = mat.Single(v => v.Name == x);
        var labels = mat.Single(v => v.Name == y).ToDoubles();
        Assert.Equal([emails, 1899], features.Dims);
        Assert.Equal(emails, lines.Length);
        var values = features.ToDoubles();
        for (int i = 0; i < emails; i++)
        {
            var cells = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
            Assert.Equal(cells[0], labels[i]);
            var expected = new double[1899];
            foreach (int word in cells[1..])
                expected[word - 1] = 1.0;
            Assert.Equal(expected, values.AsSpan(i * 1899, 1899).ToArray());
        }
    }
}
