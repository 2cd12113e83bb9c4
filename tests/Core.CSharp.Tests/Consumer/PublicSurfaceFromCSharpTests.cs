using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.FSharp.Reflection;

namespace Functional.Core.Tests.Consumer;

/// Keeps the C# surface free of F#-only types: a public member of the Functional assembly whose signature holds
/// FSharpFunc, FSharpList or FSharpOption fails here unless the allow-list below names it with its C# equivalent.
public sealed class PublicSurfaceFromCSharpTests
{
    private static readonly Assembly Library = typeof(Tensor).Assembly;

    /// Members that stay F#-only, each with the member a C# caller uses instead ("Type.Member", checked to exist), or
    /// null where none exists yet and the comment says why. Keyed "Type::Member"; a key covers every overload.
    private static readonly Dictionary<string, string?> FSharpOnly = new()
    {
        // Derivatives: the F# Diff and Numerical modules take F# functions; CSharp/Differentiation.fs forwards.
        ["Functional.Diff::Grad"] = "Functional.CSharp.Differentiation.Grad",
        ["Functional.Diff::GradV"] = "Functional.CSharp.Differentiation.GradV",
        ["Functional.Diff::Grads"] = "Functional.CSharp.Differentiation.Grads",
        ["Functional.Diff::GradsV"] = "Functional.CSharp.Differentiation.Grads", // the value is f(xs), one call away
        ["Functional.Diff::Grad2"] = "Functional.CSharp.Differentiation.Grads", // a pair is Grads of two tensors
        ["Functional.Diff::GradsEachV"] = "Functional.CSharp.Training.ValuesAndGradients", // its one use: GAN steps
        ["Functional.Diff::Diff"] = "Functional.CSharp.Differentiation.Derivative",
        ["Functional.Diff::Jacobian"] = "Functional.CSharp.Differentiation.Jacobian",
        ["Functional.Diff::Hessian"] = "Functional.CSharp.Differentiation.Hessian",
        ["Functional.Diff::NoGrad"] = "Functional.CSharp.Differentiation.NoGrad",
        ["Functional.Numerical::Grad"] = "Functional.CSharp.Differentiation.NumericalGrad",
        ["Functional.Numerical::Jacobian"] = "Functional.CSharp.Differentiation.NumericalJacobian",

        // Training: the F# modules of Nn/; CSharp/NeuralNetworks.fs forwards.
        ["Functional.Nn.Train::Fit"] = "Functional.CSharp.ModelExtensions.Fit",
        ["Functional.Nn.Train::FitDataset"] = "Functional.CSharp.ModelExtensions.Fit",
        ["Functional.Nn.Train::Evaluate"] = "Functional.CSharp.ModelExtensions.Evaluate",
        ["Functional.Nn.Train::Step"] = "Functional.CSharp.ModelExtensions.Step",
        ["Functional.Nn.Train::ValueAndGradients"] = "Functional.CSharp.Training.ValueAndGradients",
        ["Functional.Nn.Train::ValuesAndGradients"] = "Functional.CSharp.Training.ValuesAndGradients",
        ["Functional.Nn.Checkpoint::Save"] = "Functional.CSharp.ModelExtensions.Save",
        ["Functional.Nn.Checkpoint::Load"] = "Functional.CSharp.ModelExtensions.Load",
        ["Functional.Nn.Init::Weight"] = "Functional.CSharp.InitExtensions.Weight",
        ["Functional.Nn.Optimize::Path"] = "Functional.CSharp.Optimizers.Path",

        // SVM model selection: the F# function takes a kernel function and F# lists; CSharp/Classic.fs forwards.
        ["Functional.Svm::SelectOnValidation"] = "Functional.CSharp.SvmSelection.SelectOnValidation",

        // Tensors from F# lists: C# builds them from arrays.
        ["Functional.TensorModule::OfList"] = "Functional.TensorModule.OfArray",
        ["Functional.TensorModule::OfList2D"] = "Functional.TensorModule.OfArray2D",
        // F#'s index expressions (x[1.., 0]) build these; there is no C# slicing facade yet: C# has no use for the
        // union until one exists, and the tensor surface is outside the classic and evaluation facades.
        ["Functional.OpSlice+Index::NewRange"] = null,
        ["Functional.OpSlice+Index+Range::start"] = null,
        ["Functional.OpSlice+Index+Range::stop"] = null,
        ["Functional.OpSlice+Index+Range::get_start"] = null,
        ["Functional.OpSlice+Index+Range::get_stop"] = null,

        // Settings records keep their F# option fields; C# starts from Defaults and sets them with With….
        ["Functional.Pca+Settings::.ctor"] = "Functional.CSharp.ClassicSettings.WithComponents",
        ["Functional.Pca+Settings::Components"] = "Functional.CSharp.ClassicSettings.WithComponents",
        ["Functional.KernelPca+Settings::.ctor"] = "Functional.CSharp.ClassicSettings.WithComponents",
        ["Functional.KernelPca+Settings::Components"] = "Functional.CSharp.ClassicSettings.WithComponents",
        ["Functional.SoftmaxRegression+Settings::.ctor"] = "Functional.CSharp.ClassicSettings.WithClasses",
        ["Functional.SoftmaxRegression+Settings::Classes"] = "Functional.CSharp.ClassicSettings.WithClasses",
        ["Functional.GradientDescent+Settings::.ctor"] = "Functional.CSharp.ClassicSettings.WithInitialWeights",
        ["Functional.GradientDescent+Settings::InitialWeights"] =
            "Functional.CSharp.ClassicSettings.WithInitialWeights",
        ["Functional.NaiveBayes+GaussianSettings::.ctor"] = "Functional.CSharp.ClassicSettings.WithPriors",
        ["Functional.NaiveBayes+GaussianSettings::Priors"] = "Functional.CSharp.ClassicSettings.WithPriors",
        ["Functional.NaiveBayes+BernoulliSettings::.ctor"] = "Functional.CSharp.ClassicSettings.WithBinarize",
        ["Functional.NaiveBayes+BernoulliSettings::Binarize"] = "Functional.CSharp.ClassicSettings.WithBinarize",

        // Fit results keep their F# option fields; C# reads them with TryGet…. Their constructors are the fits' to
        // call, not a caller's: C# never builds a result.
        ["Functional.SvmFit::.ctor"] = null,
        ["Functional.SvmFit::Weights"] = "Functional.CSharp.ClassicExtensions.TryGetWeights",
        ["Functional.BernoulliNaiveBayes::.ctor"] = null,
        ["Functional.BernoulliNaiveBayes::Binarize"] = "Functional.CSharp.ClassicExtensions.TryGetBinarize",
        ["Functional.RegularizedLinearRegression::CostTensor"] =
            "Functional.CSharp.CostFunctions.RegularizedLinearRegression",

        // Data: F# lists of column names; C# passes params string[].
        ["Functional.DesignMatrixModule::OfFrame"] = "Functional.CSharp.DataFrameExtensions.ToDesignMatrix",
        ["Functional.DesignMatrixModule::OfFrameExcept"] = "Functional.CSharp.DataFrameExtensions.ToDesignMatrixExcept",
        ["Functional.OneHot::Encode"] = "Functional.CSharp.DataFrameExtensions.OneHotEncode",
        ["Functional.Vocabulary::TryIndex"] = "Functional.CSharp.VocabularyExtensions.TryGetIndex",
        ["Functional.VocabularyModule::TryIndex"] = "Functional.CSharp.VocabularyExtensions.TryGetIndex",
        ["Functional.Datasets::Files"] = "Functional.CSharp.DataFiles.Files",
        ["Functional.Datasets::Names"] = "Functional.CSharp.DataFiles.Names",
        ["Functional.Datasets::TryCached"] = "Functional.CSharp.DataFiles.TryGetCached",
        ["Functional.Datasets::FetchAll"] = "Functional.CSharp.DataFiles.Files", // then Datasets.Fetch on each
        ["Functional.Mnist::LoadFiles"] = "Functional.CSharp.DataFiles.LoadMnist",

        // Evaluation: a learner is a record of F# functions; C# makes one with Learners and calls it with FitTo and
        // ErrorOf.
        ["Functional.Learner`3::.ctor"] = "Functional.CSharp.Learners.Create",
        ["Functional.Learner`3::Fit"] = "Functional.CSharp.Learners.FitTo",
        ["Functional.Learner`3::Error"] = "Functional.CSharp.Learners.ErrorOf",
        ["Functional.Learner::Create"] = "Functional.CSharp.Learners.Create",
        ["Functional.Learner::OfEstimator"] = "Functional.CSharp.Learners.OfEstimator",
        ["Functional.Learner::OfMatrixEstimator"] = "Functional.CSharp.Learners.OfMatrixEstimator",
        ["Functional.Learner::OfTensorEstimator"] = "Functional.CSharp.Learners.OfTensorEstimator",
        ["Functional.Learner::MapInputs"] = "Functional.CSharp.Learners.MapInputs",
        ["Functional.Examples::MapInputs"] = "Functional.CSharp.EvaluationExtensions.MapInputs",
        ["Functional.Splits::Map"] = "Functional.CSharp.EvaluationExtensions.Map",
        ["Functional.ValidationCurve::Compute"] = "Functional.CSharp.Curves.ValidationCurve",
        ["Functional.ValidationCurve::TestError"] = "Functional.CSharp.Curves.TestError",
        ["Functional.FeatureCurveModule::Compute"] = "Functional.CSharp.Curves.FeatureCurve",
        ["Functional.ErrorAnalysis::Mistakes"] = "Functional.CSharp.ErrorAnalyses.Mistakes",
        ["Functional.ErrorAnalysis::ByCategory"] = "Functional.CSharp.ErrorAnalyses.ByCategory",
        ["Functional.ErrorAnalysis::OneChangeAtATime"] = "Functional.CSharp.ErrorAnalyses.OneChangeAtATime",
        ["Functional.PipelineStage`2::.ctor"] = "Functional.CSharp.CeilingAnalyses.Stage",
        ["Functional.PipelineStage`2::Run"] = "Functional.CSharp.CeilingAnalyses.Stage",
        ["Functional.PipelineStage`2::Truth"] = "Functional.CSharp.CeilingAnalyses.Stage",
        ["Functional.CeilingAnalysisModule::Run"] = "Functional.CSharp.CeilingAnalyses.Run",
        ["Functional.CeilingAnalysisModule::OfAccuracies"] = "Functional.CSharp.CeilingAnalyses.OfAccuracies",
        ["Functional.Diagnosis::.ctor"] = null, // a result: Diagnosis.ofErrors and ofLearningCurve build it
        ["Functional.Diagnosis::Remedies"] = "Functional.CSharp.EvaluationExtensions.GetRemedies",
        ["Functional.DiagnosisModule::Remedies"] = "Functional.CSharp.EvaluationExtensions.Remedies",
        ["Functional.DiagnosisEvidence::.ctor"] = null, // a result, as above
        ["Functional.DiagnosisEvidence::ValidationDropOverSecondHalf"] =
            "Functional.CSharp.EvaluationExtensions.TryGetValidationDrop",

        // Figures: F# functions, lists and options; CSharp/Plots.fs forwards.
        ["Functional.PlotClassic::DecisionBoundary"] = "Functional.CSharp.Plots.DecisionBoundary",
        ["Functional.PlotClassic::Regions"] = "Functional.CSharp.Plots.Regions",
        ["Functional.PlotClassic::Clusters"] = "Functional.CSharp.Plots.Clusters",
        ["Functional.PlotClassic::Lines"] = "Functional.CSharp.Plots.Lines",
        ["Functional.PlotClassic::OptimizerPaths"] = "Functional.CSharp.Plots.OptimizerPaths",
        ["Functional.PlotEvaluate::ValidationCurve"] = "Functional.CSharp.Plots.ValidationCurve",
        ["Functional.PlotImages::ImageGrid"] = "Functional.CSharp.Plots.ImageGrid",
    };

    private static readonly string[] FSharpOnlyTypes =
    {
        "Microsoft.FSharp.Core.FSharpFunc`2", "Microsoft.FSharp.Collections.FSharpList`1",
        "Microsoft.FSharp.Core.FSharpOption`1",
    };

    private static bool IsFSharpOnly(Type type) =>
        type.HasElementType ? IsFSharpOnly(type.GetElementType()!)
        : type.IsGenericType && (FSharpOnlyTypes.Contains(type.GetGenericTypeDefinition().FullName)
            || type.GetGenericArguments().Any(IsFSharpOnly));

    private static IEnumerable<Type> SignatureTypes(MemberInfo member) => member switch
    {
        MethodInfo m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType),
        ConstructorInfo c => c.GetParameters().Select(p => p.ParameterType),
        PropertyInfo p => new[] { p.PropertyType },
        FieldInfo f => new[] { f.FieldType },
        EventInfo e => new[] { e.EventHandlerType! },
        _ => Array.Empty<Type>(),
    };

    /// Every public member a C# caller can name: property accessors count through their property, and F# type
    /// extensions (compiled as static methods named "Tensor.Conv2d.Static") are not callable from C#.
    private static IEnumerable<(string Key, MemberInfo Member)> PublicMembers() =>
        from type in Library.GetExportedTypes()
        from member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static
            | BindingFlags.DeclaredOnly)
        where !(member is MethodInfo { IsSpecialName: true }) && !member.Name.Contains('.', StringComparison.Ordinal)
            || member is ConstructorInfo
        select ($"{type.FullName}::{member.Name}", member);

    [Fact]
    public void No_public_member_has_FSharpFunc_FSharpList_or_FSharpOption_in_its_signature_unless_allow_listed()
    {
        var offenders = PublicMembers()
            .Where(m => SignatureTypes(m.Member).Any(IsFSharpOnly) && !FSharpOnly.ContainsKey(m.Key))
            .Select(m => $"{m.Key}: {m.Member}")
            .Distinct()
            .ToList();

        Assert.True(offenders.Count == 0,
            "F#-only types in the C# surface; add a C# equivalent under src/Functional.FSharp/CSharp/ (or, if the "
            + "member must stay F#-only, an allow-list entry naming that equivalent):\n  "
            + string.Join("\n  ", offenders));
    }

    [Fact]
    public void The_CSharp_namespace_itself_has_no_FSharp_only_types_at_all()
    {
        var facade = PublicMembers()
            .Where(m => m.Member.DeclaringType!.Namespace == "Functional.CSharp")
            .Where(m => SignatureTypes(m.Member).Any(IsFSharpOnly))
            .Select(m => m.Key)
            .ToList();

        Assert.Empty(facade);
    }

    [Fact]
    public void Every_allow_listed_member_still_exists_and_is_still_FSharp_only()
    {
        var stillFSharpOnly = PublicMembers()
            .Where(m => SignatureTypes(m.Member).Any(IsFSharpOnly))
            .Select(m => m.Key)
            .ToHashSet();

        var stale = FSharpOnly.Keys.Where(key => !stillFSharpOnly.Contains(key)).ToList();

        Assert.True(stale.Count == 0, "allow-list entries to remove:\n  " + string.Join("\n  ", stale));
    }

    [Fact]
    public void Every_named_CSharp_equivalent_exists()
    {
        bool Exists(string equivalent)
        {
            int dot = equivalent.LastIndexOf('.');
            var type = Library.GetType(equivalent[..dot]);
            return type is not null && type.GetMember(equivalent[(dot + 1)..]).Length > 0;
        }

        var missing = FSharpOnly.Values.OfType<string>().Distinct().Where(e => !Exists(e)).ToList();

        Assert.True(missing.Count == 0, "named C# equivalents that do not exist:\n  " + string.Join("\n  ", missing));
    }

    /// F# settings records (KMeans.Settings, SplitSettings, Plot.Figure …): C# cannot write { s with K = 3 }.
    private static IEnumerable<Type> SettingsRecords() =>
        Library.GetExportedTypes().Where(t => FSharpType.IsRecord(t, null)
            && (t.Name.EndsWith("Settings", StringComparison.Ordinal) || t.FullName == "Functional.Plot+Figure"));

    [Fact]
    public void Every_field_of_every_settings_record_has_a_With_copy_for_CSharp()
    {
        var withMethods = Library.GetExportedTypes()
            .Where(t => t.Namespace == "Functional.CSharp" && t.IsDefined(typeof(ExtensionAttribute)))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m => m.Name.StartsWith("With", StringComparison.Ordinal) && m.GetParameters().Length == 2)
            .Select(m => (m.GetParameters()[0].ParameterType, m.Name))
            .ToHashSet();

        var records = SettingsRecords().ToList();
        var missing = records
            .SelectMany(t => FSharpType.GetRecordFields(t, null).Select(f => (t, f.Name)))
            .Where(field => !withMethods.Contains((field.t, "With" + field.Name)))
            .Select(field => $"{field.t.FullName}.With{field.Name}")
            .ToList();

        Assert.True(records.Count >= 17, $"found only {records.Count} settings records");
        Assert.True(missing.Count == 0, "settings fields without a With… copy:\n  " + string.Join("\n  ", missing));
    }
}
