using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;

namespace Functional.Core.Data;

/// <summary>Reads MATLAB level-5 MAT-files (<c>save -v6</c> and <c>-v7</c>; not <c>-v7.3</c>, which is HDF5): numeric,
/// logical, char and sparse variables, little- or big-endian, compressed or not, as scipy.io.loadmat reads them
/// ("MATLAB MAT-File Format", The MathWorks, 1999–2024).</summary>
/// <remarks>Elements come back in row-major order with MATLAB's dimensions (see <see cref="MatArray"/>). Numeric data
/// stored in a narrower type than its class (MATLAB writes a double array of small integers as miUINT8) is converted
/// to the class. Cells, structs, objects, function handles, opaque classes (strings, tables) and complex numbers are
/// not supported; neither are v7.3 files (HDF5) or level-4 files.</remarks>
public static class MatFile
{
    /// <summary>Reads every variable of a MAT-file, by name, in file order.</summary>
    /// <example><c>var x = MatFile.Read("ex5data1.mat")["X"].ToMatrix();</c></example>
    /// <exception cref="InvalidDataException">The file is not a level-5 MAT-file, is truncated or inconsistent
    /// (sizes beyond the element or file, dimensions that do not fit the data, a bad zlib stream, an unknown data
    /// type, a name twice); the message names the file and what was wrong.</exception>
    /// <exception cref="NotSupportedException">The file is v7.3 (HDF5) or level 4, or a variable is of a class this
    /// reader does not read: the message says which and names the variable.</exception>
    public static IReadOnlyDictionary<string, MatArray> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = File.OpenRead(path);
        return Read(file, path);
    }

    /// <summary>Reads every variable of a MAT-file from a stream (read to its end, not closed), by name, in file
    /// order; errors call it "stream".</summary>
    /// <exception cref="InvalidDataException">As <see cref="Read(string)"/>.</exception>
    /// <exception cref="NotSupportedException">As <see cref="Read(string)"/>.</exception>
    public static IReadOnlyDictionary<string, MatArray> Read(Stream stream) => Read(stream, "stream");

    /// <summary>Reads every variable of a MAT-file from a stream (read to its end, not closed), by name, in file
    /// order; <paramref name="sourceName"/> names it in error messages.</summary>
    /// <exception cref="InvalidDataException">As <see cref="Read(string)"/>.</exception>
    /// <exception cref="NotSupportedException">As <see cref="Read(string)"/>.</exception>
    public static IReadOnlyDictionary<string, MatArray> Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        var file = new MatElementStream(stream, sourceName);
        file.ReadHeader();
        // OrderedDictionary keeps file order by contract, not as Dictionary's implementation detail.
        var variables = new OrderedDictionary<string, MatArray>(StringComparer.Ordinal);
        while (file.Next() is { } element)
        {
            var array = element.ReadArray();
            if (!variables.TryAdd(array.Name, array))
                throw new InvalidDataException(
                    $"MatFile.Read: the variable '{array.Name}' appears twice in {sourceName}");
        }
        return new ReadOnlyDictionary<string, MatArray>(variables);
    }

    /// <summary>Reads one variable of a MAT-file, reading the file up to it; the variables before it are skipped
    /// after their names, whatever their class.</summary>
    /// <example><c>var y = MatFile.ReadVariable("spamTrain.mat", "y").ToDoubles();</c></example>
    /// <exception cref="KeyNotFoundException">The file has no variable of that name: the message lists those it
    /// has.</exception>
    /// <exception cref="InvalidDataException">As <see cref="Read(string)"/>, for the header, the elements up to the
    /// variable, and the variable.</exception>
    /// <exception cref="NotSupportedException">As <see cref="Read(string)"/>, for the file and the
    /// variable.</exception>
    public static MatArray ReadVariable(string path, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(name);
        using var stream = File.OpenRead(path);
        var file = new MatElementStream(stream, path);
        file.ReadHeader();
        var seen = new List<string>();
        while (file.Next() is { } element)
        {
            if (element.Name == name) return element.ReadArray();
            seen.Add(element.Name);
        }
        throw new KeyNotFoundException(
            $"MatFile.ReadVariable: no variable '{name}' in {path}; it holds " +
            (seen.Count == 0 ? "no variables" : string.Join(", ", seen)));
    }
}
