namespace Functional.CSharp

/// The facade's only check of its own: C# can pass null where F# types cannot, so each member checks its reference
/// arguments before forwarding and names the one that is null.
module internal Arguments =
    /// Throws ArgumentNullException naming <paramref name="name"/> when <paramref name="value"/> is null.
    let notNull (name: string) (value: 'T) =
        if isNull (box value) then
            nullArg name

    /// The With… members' copy: checks that the record <paramref name="name"/> is not null, then applies the
    /// one-field change.
    let withChange (name: string) (record: 'R) (change: 'R -> 'R) : 'R =
        notNull name record
        change record
