using System;

namespace Functional.Core.Randomness;

/// <summary>The Mersenne Twister MT19937 (Matsumoto &amp; Nishimura 1998), word for word as NumPy's legacy
/// <c>RandomState</c> runs it: <c>init_genrand</c> for an integer seed, <c>init_by_array</c> for a key.</summary>
public sealed class Mt19937
{
    private const int N = 624;
    private const int M = 397;
    private const uint MatrixA = 0x9908b0dfu;
    private const uint UpperMask = 0x80000000u;
    private const uint LowerMask = 0x7fffffffu;

    private readonly uint[] _state = new uint[N];
    private int _position;

    /// <summary>Seeded as <c>numpy.random.seed(seed)</c> with an integer (<c>mt19937_seed</c>, the reference
    /// <c>init_genrand</c>).</summary>
    public Mt19937(uint seed) => Seed(seed);

    /// <summary>Seeded as <c>numpy.random.seed(key)</c> with an array of 32-bit words (the reference
    /// <c>init_by_array</c>).</summary>
    /// <exception cref="ArgumentException">The key is empty.</exception>
    public Mt19937(ReadOnlySpan<uint> key)
    {
        if (key.IsEmpty)
            throw new ArgumentException("Mt19937: expected a key of at least one word, received none", nameof(key));
        Seed(19650218u);
        int i = 1, j = 0;
        for (int k = Math.Max(N, key.Length); k > 0; k--)
        {
            _state[i] = (_state[i] ^ ((_state[i - 1] ^ (_state[i - 1] >> 30)) * 1664525u)) + key[j] + (uint)j;
            i++;
            j++;
            if (i >= N)
            {
                _state[0] = _state[N - 1];
                i = 1;
            }
            if (j >= key.Length)
                j = 0;
        }
        for (int k = N - 1; k > 0; k--)
        {
            _state[i] = (_state[i] ^ ((_state[i - 1] ^ (_state[i - 1] >> 30)) * 1566083941u)) - (uint)i;
            i++;
            if (i >= N)
            {
                _state[0] = _state[N - 1];
                i = 1;
            }
        }
        _state[0] = 0x80000000u; // the reference's "MSB is 1, assuring a non-zero initial array"
    }

    private void Seed(uint seed)
    {
        for (int i = 0; i < N; i++)
        {
            _state[i] = seed;
            seed = 1812433253u * (seed ^ (seed >> 30)) + (uint)i + 1;
        }
        _position = N;
    }

    /// <summary>The next 32-bit output (the reference <c>genrand_int32</c>).</summary>
    public uint NextUInt32()
    {
        if (_position == N)
            Twist();
        uint y = _state[_position++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    /// <summary>A double in [0, 1) with 53 random bits, from two outputs as NumPy's <c>random_sample</c> makes it:
    /// <c>((a &gt;&gt; 5) · 2²⁶ + (b &gt;&gt; 6)) / 2⁵³</c>.</summary>
    public double NextDouble()
    {
        uint a = NextUInt32() >> 5, b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    private void Twist()
    {
        int i = 0;
        for (; i < N - M; i++)
            _state[i] = _state[i + M] ^ Mix(_state[i], _state[i + 1]);
        for (; i < N - 1; i++)
            _state[i] = _state[i + M - N] ^ Mix(_state[i], _state[i + 1]);
        _state[N - 1] = _state[M - 1] ^ Mix(_state[N - 1], _state[0]);
        _position = 0;
    }

    private static uint Mix(uint upper, uint lower)
    {
        uint y = (upper & UpperMask) | (lower & LowerMask);
        return (y >> 1) ^ ((y & 1) != 0 ? MatrixA : 0u);
    }
}
