namespace Functional.CSharp

/// The facade's only check of its own: C# can pass null where F# types cannot, so each member checks its reference
/// arguments before forwarding and names the one that is null.
module internal Arguments =
    /// Throws ArgumentNullException naming <paramref name="name"/> when <paramref name="value"/> is null.
    let notNull (name: string) (value: 'T) =
        if isNull (box value) then
            nullArg name
