using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using EgressAnalyzers.Engine.Arm;
using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Bicep;

/// <summary>
/// The Bicep front end. It reads .bicep files natively (the IDE cannot run the Bicep compiler), evaluates them with the
/// ARM semantics, and feeds the ARM reader's <see cref="ResourceMapper"/>, so a Bicep file and its compiled ARM JSON
/// give the same model. Entry points are the .bicep files no other input uses as a local module; modules are read
/// through their callers, with the parameters the caller passes.
/// </summary>
public static class BicepReader
{
    /// <summary>Module nesting deeper than this is not read (ARM's own limit on nested deployments is far lower in practice).</summary>
    public const int MaxModuleDepth = 16;

    private static readonly Regex RuleIdPattern = new("^EGR[0-9]{4}$", RegexOptions.CultureInvariant);

    // Words in a module reference or its parameters that suggest it declares firewall rules (see OpaqueModule).
    private static readonly string[] FirewallWords = { "firewall", "rulecollection", "azfw", "networkrule", "applicationrule" };

    public static bool IsBicepFile(string path) => path.EndsWith(".bicep", StringComparison.OrdinalIgnoreCase);

    public static bool IsBicepParametersFile(string path) => path.EndsWith(".bicepparam", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads every Bicep entry point among <paramref name="files"/> (which may also hold .bicepparam files, JSON
    /// parameters files and anything else). One result per entry point, in input order.
    /// </summary>
    public static IReadOnlyList<TemplateReadResult> Read(IReadOnlyList<TemplateInput> files, ArmReadOptions options, CancellationToken ct = default)
    {
        var session = new Session(files, options?.Cloud ?? "AzureCloud", ct);
        return session.ReadAll(null);
    }

    /// <summary>
    /// Reads <paramref name="entryPoint"/> as an entry point even when another input uses it as a module (its
    /// parameters then come from its defaults and parameters files, not from a caller).
    /// </summary>
    public static TemplateReadResult ReadEntryPoint(string entryPoint, IReadOnlyList<TemplateInput> files, ArmReadOptions options, CancellationToken ct = default)
    {
        var session = new Session(files, options?.Cloud ?? "AzureCloud", ct);
        return session.ReadAll(entryPoint).Single();
    }

    /// <summary>Normalizes a module path against the directory of the file that names it (<c>./</c>, <c>../</c>, <c>\</c>).</summary>
    public static string ResolvePath(string fromFile, string relative)
    {
        var directory = TemplatePaths.Directory(fromFile);
        var combined = (directory.Length == 0 ? relative : directory + "/" + relative).Replace('\\', '/');
        var rooted = combined.StartsWith("/", StringComparison.Ordinal);
        var segments = new List<string>();
        foreach (var segment in combined.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == ".." && segments.Count > 0 && segments[segments.Count - 1] != "..")
            {
                segments.RemoveAt(segments.Count - 1);
                continue;
            }

            segments.Add(segment);
        }

        var joined = string.Join("/", segments);
        var drive = combined.Length > 1 && combined[1] == ':';
        return rooted && !drive ? "/" + joined : joined;
    }

    private static string Key(string path) => path.Replace('\\', '/').ToLowerInvariant();

    private static bool IsLocalModulePath(string path) =>
        !path.StartsWith("br:", StringComparison.OrdinalIgnoreCase) && !path.StartsWith("br/", StringComparison.OrdinalIgnoreCase)
        && !path.StartsWith("ts:", StringComparison.OrdinalIgnoreCase) && !path.StartsWith("ts/", StringComparison.OrdinalIgnoreCase);

    /// <summary>All the Bicep inputs of one read: parsed once, shared by every entry point.</summary>
    private sealed class Session
    {
        private readonly Dictionary<string, (TemplateInput Input, BicepFile File)> _bicep = new(StringComparer.Ordinal);
        private readonly List<TemplateInput> _order = new();
        private readonly IReadOnlyList<TemplateInput> _files;
        private readonly string _cloud;
        private readonly CancellationToken _ct;

        public Session(IReadOnlyList<TemplateInput> files, string cloud, CancellationToken ct)
        {
            _files = files;
            _cloud = cloud;
            _ct = ct;
            foreach (var file in files)
            {
                if (IsBicepFile(file.Path) && !_bicep.ContainsKey(Key(file.Path)))
                {
                    ct.ThrowIfCancellationRequested();
                    _bicep[Key(file.Path)] = (file, BicepParser.Parse(file.Text));
                    _order.Add(file);
                }
            }
        }

        public List<TemplateReadResult> ReadAll(string? onlyEntryPoint)
        {
            if (onlyEntryPoint is not null)
            {
                var entry = _bicep.TryGetValue(Key(onlyEntryPoint), out var item)
                    ? item.Input
                    : throw new ArgumentException($"'{onlyEntryPoint}' is not among the Bicep inputs", nameof(onlyEntryPoint));
                return new List<TemplateReadResult> { ReadEntryPoint(entry, new HashSet<string>(StringComparer.Ordinal)) };
            }

            var referenced = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (input, file) in _bicep.Values)
            {
                foreach (var target in LocalModuleTargets(input.Path, file))
                {
                    if (target != Key(input.Path))
                    {
                        referenced.Add(target);
                    }
                }
            }

            var entries = _order.Where(f => !referenced.Contains(Key(f.Path))).ToList();
            var reached = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                Reach(Key(entry.Path), reached);
            }

            // Files only reachable through a module cycle have no entry point: read them as their own.
            foreach (var file in _order)
            {
                if (!reached.Contains(Key(file.Path)))
                {
                    entries.Add(file);
                    Reach(Key(file.Path), reached);
                }
            }

            var results = new List<TemplateReadResult>();
            var reported = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in _order.Where(entries.Contains))
            {
                _ct.ThrowIfCancellationRequested();
                results.Add(ReadEntryPoint(entry, reported));
            }

            return results;
        }

        private void Reach(string key, HashSet<string> reached)
        {
            if (!reached.Add(key) || !_bicep.TryGetValue(key, out var item))
            {
                return;
            }

            foreach (var target in LocalModuleTargets(item.Input.Path, item.File))
            {
                Reach(target, reached);
            }
        }

        private static IEnumerable<string> LocalModuleTargets(string path, BicepFile file)
        {
            foreach (var statement in file.Statements)
            {
                if (statement.Kind == BicepStatementKind.Module && statement.TypeOrPath is BicepString { Literal: { } modulePath }
                    && IsLocalModulePath(modulePath))
                {
                    yield return Key(ResolvePath(path, modulePath));
                }
            }
        }

        private TemplateReadResult ReadEntryPoint(TemplateInput entry, HashSet<string> reported)
        {
            var state = new FileReadState(entry.Path, entry.Text, _cloud, entry.OptedIn, _ct);
            if (entry.Text.Length > FileReadState.MaxFileLength)
            {
                state.ReportCouldNotRead(new SourceSpan(entry.Path, 0, 0), $"the file is larger than {FileReadState.MaxFileLength / (1024 * 1024)} MB, the most this analyzer reads");
                return new TemplateReadResult(entry.Path, true, Array.Empty<ModelResource>(), state.Diagnostics);
            }

            var walker = new BicepWalker(this, state, entry.OptedIn);
            var supplied = ParameterValues(entry);
            walker.ReadFile(entry.Path, _bicep[Key(entry.Path)].File, supplied, unsuppliedAreUnknown: false, depth: 0);
            var resources = walker.Finish();

            // Syntax errors once per file, whichever entry point reached it first.
            var diagnostics = new List<Finding>();
            foreach (var path in walker.FilesRead)
            {
                if (reported.Add("parse|" + path) && _bicep.TryGetValue(path, out var item) && item.File.Errors.Count > 0)
                {
                    var error = item.File.Errors[0];
                    // An error "at the end of the file" sits one past the last character; keep it inside the text.
                    var textLength = item.Input.Text.Length;
                    var errorStart = Math.Min(Math.Max(error.Start, 0), textLength);
                    var errorLength = Math.Max(0, Math.Min(error.Length, textLength - errorStart));
                    var others = item.File.Errors.Count - 1;
                    var more = others == 0 ? string.Empty : others == 1 ? " (and 1 more syntax error)" : $" (and {others} more syntax errors)";
                    diagnostics.Add(new Finding(
                        EgressRules.EGR0002_TemplateCouldNotBeRead,
                        new SourceSpan(item.Input.Path, errorStart, errorLength),
                        TemplatePaths.FileName(item.Input.Path),
                        error.Message + more));
                }
            }

            foreach (var finding in state.Diagnostics)
            {
                if (reported.Add($"{finding.Rule.Id}|{finding.Location}|{finding.Message}"))
                {
                    diagnostics.Add(finding);
                }
            }

            return new TemplateReadResult(entry.Path, true, resources, diagnostics)
            {
                LineSuppressions = walker.LineSuppressions,
            };
        }

        public (TemplateInput Input, BicepFile File)? Module(string key) => _bicep.TryGetValue(key, out var item) ? item : null;

        // One context per imported file: an import cycle ends in its in-progress set, and each export is read once.
        private readonly Dictionary<string, BicepFileContext?> _imported = new(StringComparer.Ordinal);

        /// <summary>
        /// What <paramref name="fromFile"/>'s compile-time imports read from: the file a relative path names, its
        /// parameters unknown (exports cannot use them); null when it is not among the analyzed files.
        /// </summary>
        public Func<string, BicepFileContext?> ImportsOf(string fromFile) => relative =>
        {
            if (!IsLocalModulePath(relative))
            {
                return null;
            }

            var key = Key(ResolvePath(fromFile, relative));
            if (!_imported.TryGetValue(key, out var context))
            {
                context = _bicep.TryGetValue(key, out var target)
                    ? new BicepFileContext(target.Input.Path, target.File, _cloud, new Dictionary<string, ArmValue>(), unsuppliedAreUnknown: true, _ct) { ImportedFile = ImportsOf(target.Input.Path) }
                    : null;
                _imported[key] = context;
            }

            return context;
        };

        public string Cloud => _cloud;

        public CancellationToken CancellationToken => _ct;

        /// <summary>Values from JSON parameters files beside the entry point and from .bicepparam files that use it.</summary>
        private Dictionary<string, ArmValue> ParameterValues(TemplateInput entry)
        {
            var jsonFiles = _files.Where(f => ParametersFile.IsParametersFileName(entry.Path, f.Path) && ArmTemplateReader.LooksLikeParametersFile(f.Text)).ToList();
            var values = ParametersFile.ReadValues(jsonFiles, _ct);
            var fromBicepParam = new List<Dictionary<string, ArmValue>>();
            foreach (var file in _files.Where(f => IsBicepParametersFile(f.Path)))
            {
                var parsed = BicepParser.Parse(file.Text);
                var usingStatement = parsed.Statements.FirstOrDefault(s => s.Kind == BicepStatementKind.Using);
                if (usingStatement?.TypeOrPath is not BicepString { Literal: { } target }
                    || Key(ResolvePath(file.Path, target)) != Key(entry.Path))
                {
                    continue;
                }

                var context = new BicepFileContext(file.Path, parsed, _cloud, new Dictionary<string, ArmValue>(), unsuppliedAreUnknown: false, _ct) { ImportedFile = ImportsOf(file.Path) };
                var fileValues = new Dictionary<string, ArmValue>(StringComparer.Ordinal);
                foreach (var statement in parsed.Statements)
                {
                    if (statement.Kind == BicepStatementKind.Parameter && statement.Name is { } name && statement.Value is not null)
                    {
                        fileValues[name.Name] = context.GetParameter(name.Name);
                    }
                }

                fromBicepParam.Add(fileValues);
            }

            // Several files for one template (dev, prod): a value they disagree on is unknown, as for JSON files.
            foreach (var fileValues in fromBicepParam)
            {
                foreach (var pair in fileValues)
                {
                    if (values.TryGetValue(pair.Key, out var existing) && !ParametersFile.SameValue(existing, pair.Value))
                    {
                        values[pair.Key] = ArmValue.Unknown(pair.Key + " (the parameters files disagree)", pair.Value.Origin, $"{{parameters('{pair.Key}')}}");
                    }
                    else
                    {
                        values[pair.Key] = pair.Value;
                    }
                }
            }

            return values;
        }
    }

    /// <summary>Walks the declarations of one entry point and the modules it reaches, into one resource mapper.</summary>
    private sealed class BicepWalker
    {
        private readonly Session _session;
        private readonly FileReadState _state;
        private readonly bool _optedIn;
        private readonly ResourceMapper _mapper;
        private readonly List<string> _moduleStack = new();
        private readonly HashSet<string> _lineSuppressionKeys = new(StringComparer.Ordinal);

        public BicepWalker(Session session, FileReadState state, bool optedIn)
        {
            _session = session;
            _state = state;
            _optedIn = optedIn;
            _mapper = new ResourceMapper(state);
        }

        public HashSet<string> FilesRead { get; } = new(StringComparer.Ordinal);

        public List<Suppression> LineSuppressions { get; } = new();

        public List<ModelResource> Finish() => _mapper.Finish();

        public void ReadFile(string path, BicepFile file, IReadOnlyDictionary<string, ArmValue> supplied, bool unsuppliedAreUnknown, int depth, ModelValue? unresolvedCondition = null, string? resourceGroup = null)
        {
            FilesRead.Add(Key(path));
            _moduleStack.Add(Key(path));
            try
            {
                var context = new BicepFileContext(path, file, _session.Cloud, supplied, unsuppliedAreUnknown, _session.CancellationToken)
                {
                    ImportedFile = _session.ImportsOf(path),
                    UnresolvedCondition = unresolvedCondition,
                    ResourceGroup = resourceGroup,
                };
                CollectLineSuppressions(context);
                foreach (var statement in file.Statements)
                {
                    if (_state.Stopped)
                    {
                        return;
                    }

                    switch (statement.Kind)
                    {
                        case BicepStatementKind.Resource:
                            ReadResource(context, statement, BicepLocals.Empty, null, context.UnresolvedCondition);
                            break;
                        case BicepStatementKind.Module:
                            ReadModule(context, statement, depth);
                            break;
                    }
                }
            }
            finally
            {
                _moduleStack.RemoveAt(_moduleStack.Count - 1);
            }
        }

        /// <summary><c>#disable-next-line EGRnnnn</c>: the line after the directive (the engine applies them to findings there).</summary>
        private void CollectLineSuppressions(BicepFileContext context)
        {
            var text = context.Text;
            foreach (var directive in context.File.Directives)
            {
                var lineStart = text.IndexOf('\n', directive.End);
                if (lineStart < 0)
                {
                    continue;
                }

                lineStart++;
                var lineEnd = text.IndexOf('\n', lineStart);
                lineEnd = lineEnd < 0 ? text.Length : lineEnd;
                foreach (var code in directive.Codes)
                {
                    if (RuleIdPattern.IsMatch(code) && _lineSuppressionKeys.Add($"{context.FilePath}|{lineStart}|{code}"))
                    {
                        LineSuppressions.Add(new Suppression(code, Justification(directive), new SourceSpan(context.FilePath, lineStart, lineEnd - lineStart)));
                    }
                }
            }
        }

        private static string Justification(BicepDirective directive) =>
            directive.Justification.Length > 0 ? directive.Justification : "#disable-next-line";

        /// <summary>A <c>#disable-next-line</c> right above a declaration suppresses those rules on the whole resource.</summary>
        private static List<Suppression> DeclarationSuppressions(BicepFileContext context, BicepStatement statement)
        {
            var text = context.Text;
            var result = new List<Suppression>();
            foreach (var directive in context.File.Directives)
            {
                var next = text.IndexOf('\n', directive.End);
                if (next < 0 || directive.End > statement.LeadStart)
                {
                    continue;
                }

                var between = text.Substring(next + 1, Math.Max(0, statement.LeadStart - next - 1));
                if (between.Trim().Length != 0)
                {
                    continue;
                }

                foreach (var code in directive.Codes)
                {
                    if (RuleIdPattern.IsMatch(code))
                    {
                        result.Add(new Suppression(code, Justification(directive), context.Span(directive.Start, directive.End)));
                    }
                }
            }

            return result;
        }

        private void ReadResource(BicepFileContext context, BicepStatement statement, BicepLocals locals, ResourceIdentity? enclosing, ModelValue? unresolvedCondition)
        {
            if (statement.Existing)
            {
                return;
            }

            switch (statement.Value)
            {
                case BicepFor loop:
                    foreach (var (inner, body) in Expand(context, loop, locals))
                    {
                        ReadResourceBody(context, statement, body, inner, enclosing, unresolvedCondition);
                    }

                    break;
                case { } body:
                    ReadResourceBody(context, statement, body, locals, enclosing, unresolvedCondition);
                    break;
            }
        }

        /// <summary>
        /// The iterations of a <c>for</c> body: one per item when the source is known, else one with the item unknown
        /// (the rules it declares are then unknown rather than absent), as the ARM reader does for copy loops.
        /// </summary>
        private static IEnumerable<(BicepLocals Locals, BicepExpression Body)> Expand(BicepFileContext context, BicepFor loop, BicepLocals locals)
        {
            var source = context.Evaluator.Evaluate(loop.Source, locals);
            if (source is ArmArray array && array.Items.Count <= FileReadState.MaxCopyCount)
            {
                for (var i = 0; i < array.Items.Count; i++)
                {
                    yield return (context.Evaluator.BindLoop(loop, locals, array.Items[i], i), loop.Body);
                }

                yield break;
            }

            var reason = source is ArmUnknown unknown ? unknown.Reason : context.TextOf(loop.Source);
            var item = ArmValue.Unknown(reason, context.Span(loop.Source), "{" + (loop.Item?.Name ?? "item") + "}");
            yield return (context.Evaluator.BindLoop(loop, locals, item, null), loop.Body);
        }

        private void ReadResourceBody(BicepFileContext context, BicepStatement statement, BicepExpression body, BicepLocals locals, ResourceIdentity? enclosing, ModelValue? unresolvedCondition)
        {
            if (body is BicepIf conditional)
            {
                // A condition known to be false skips the resource and its children; an unknown one reads it, marked as
                // deployed only if the condition holds (as ARM).
                if (!Holds(context, conditional, locals, ref unresolvedCondition))
                {
                    return;
                }

                body = conditional.Body;
            }

            if (body is not BicepObject obj)
            {
                return;
            }

            _state.CancellationToken.ThrowIfCancellationRequested();
            if (++_state.ResourceCount > FileReadState.MaxResources)
            {
                _state.Stopped = true;
                _state.ReportCouldNotRead(context.Span(statement.Name!), $"it declares more than {FileReadState.MaxResources} resources (loops and modules included); the rest was not read");
                return;
            }

            ResourceIdentity? identity;
            try
            {
                identity = context.ComputeIdentity(statement, locals, obj, enclosing);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _state.ReportCouldNotRead(context.Span(statement.Name!), $"reading this resource failed ({ex.GetType().Name}: {ex.Message})");
                return;
            }

            if (identity is null)
            {
                return;
            }

            var fullName = identity.FullNameText;
            var nameNode = obj.Property("name")?.Value;
            var declarationSpan = context.Span(statement.LeadStart, statement.End);
            try
            {
                _mapper.Map(new ResourceDeclaration(
                    new ResourceKey(identity.Type, fullName, identity.OtherResourceGroup),
                    identity.ShortName,
                    ResourceMapper.DisplayNameOf(identity.ShortName, fullName),
                    declarationSpan,
                    nameNode is null ? context.Span(statement.Name!) : context.Span(nameNode),
                    name => obj.Property(name) is { } property ? context.Evaluator.Evaluate(property.Value, locals) : null,
                    _ => DeclarationSuppressions(context, statement))
                {
                    ReferencedResource = context.ResourceReadBy,
                    UnresolvedCondition = unresolvedCondition,
                });
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _state.ReportCouldNotRead(context.Span(statement.Name!), $"reading this resource failed ({ex.GetType().Name}: {ex.Message})");
            }

            foreach (var child in obj.Resources)
            {
                ReadResource(context, child, locals, identity, unresolvedCondition);
            }
        }

        private void ReadModule(BicepFileContext context, BicepStatement statement, int depth)
        {
            if (statement.TypeOrPath is not BicepString pathString)
            {
                return;
            }

            if (pathString.Literal is not { } path)
            {
                _state.ReportCouldNotRead(context.Span(pathString), "a module path must be a plain string");
                return;
            }

            if (!IsLocalModulePath(path))
            {
                OpaqueModule(context, statement, pathString, $"'{path}' (a {(path.StartsWith("ts", StringComparison.OrdinalIgnoreCase) ? "template spec" : "registry module")}, not among the analyzed files)");
                return;
            }

            var target = _session.Module(Key(ResolvePath(context.FilePath, path)));
            if (target is null)
            {
                OpaqueModule(context, statement, pathString, $"'{path}' (not among the analyzed files; add it to AdditionalFiles)");
                return;
            }

            if (_moduleStack.Contains(Key(target.Value.Input.Path)))
            {
                _state.Report(EgressRules.EGR0002_TemplateCouldNotBeRead, context.Span(pathString), TemplatePaths.FileName(context.FilePath),
                    $"module '{path}' uses itself (directly or through other modules); it was read once");
                return;
            }

            if (depth + 1 > MaxModuleDepth)
            {
                _state.Report(EgressRules.EGR0002_TemplateCouldNotBeRead, context.Span(pathString), TemplatePaths.FileName(context.FilePath),
                    $"modules are nested more than {MaxModuleDepth} levels deep; the deeper ones were not read");
                return;
            }

            IEnumerable<(BicepLocals, BicepExpression)> bodies = statement.Value is BicepFor loop
                ? Expand(context, loop, BicepLocals.Empty)
                : statement.Value is { } single ? new[] { (BicepLocals.Empty, single) } : Array.Empty<(BicepLocals, BicepExpression)>();
            foreach (var (locals, bodyExpression) in bodies)
            {
                var body = bodyExpression;
                var unresolvedCondition = context.UnresolvedCondition;
                if (body is BicepIf conditional)
                {
                    if (!Holds(context, conditional, locals, ref unresolvedCondition))
                    {
                        continue;
                    }

                    body = conditional.Body;
                }

                if (body is not BicepObject obj)
                {
                    continue;
                }

                // The caller's params, evaluated where the caller writes them.
                var supplied = new Dictionary<string, ArmValue>(StringComparer.Ordinal);
                var unsuppliedAreUnknown = false;
                if (obj.Property("params")?.Value is { } parameters)
                {
                    if (parameters is BicepObject literal && literal.Spreads.Count == 0)
                    {
                        foreach (var parameter in literal.Properties)
                        {
                            supplied[parameter.Name] = context.Evaluator.Evaluate(parameter.Value, locals);
                        }
                    }
                    else if (context.Evaluator.Evaluate(parameters, locals) is ArmObject evaluated)
                    {
                        foreach (var parameter in evaluated.Properties)
                        {
                            supplied[parameter.Name] = parameter.Value;
                        }
                    }
                    else
                    {
                        unsuppliedAreUnknown = true;
                    }
                }

                // A module deployed to another resource group declares resources that are not the ones of the same names here.
                var resourceGroup = context.ResourceGroupOfScope(obj.Property("scope")?.Value, locals);
                ReadFile(target.Value.Input.Path, target.Value.File, supplied, unsuppliedAreUnknown, depth + 1, unresolvedCondition, resourceGroup);
            }
        }

        /// <summary>
        /// False when the condition of <paramref name="conditional"/> is known to be false. When it cannot be resolved,
        /// true, with <paramref name="unresolvedCondition"/> set to it unless a condition around it already is.
        /// </summary>
        private static bool Holds(BicepFileContext context, BicepIf conditional, BicepLocals locals, ref ModelValue? unresolvedCondition)
        {
            var condition = context.Evaluator.Evaluate(conditional.Condition, locals);
            switch (ArmNav.AsBool(condition))
            {
                case false:
                    return false;
                case null:
                    unresolvedCondition ??= ArmNav.ToModelValue(condition) is { IsKnown: false } unknown
                        ? unknown
                        : ModelValue.Unknown(context.TextOf(conditional.Condition), context.Span(conditional.Condition));
                    return true;
                default:
                    return true;
            }
        }

        /// <summary>
        /// A module whose contents cannot be read. Said (EGR1006) only when it looks like it holds firewall rules (its
        /// reference or parameters mention firewalls or rule collections): the many unrelated registry modules of a
        /// real repository (storage, Key Vault, …) stay silent, as unrelated firewalls do.
        /// </summary>
        private void OpaqueModule(BicepFileContext context, BicepStatement statement, BicepString pathString, string what)
        {
            var haystack = (pathString.Literal ?? string.Empty) + " " + string.Join(" ",
                BicepFileContext.BodyObject(statement.Value)?.Property("params")?.Value is BicepObject parameters
                    ? parameters.Properties.Select(p => p.Name)
                    : Enumerable.Empty<string>());
            if (!FirewallWords.Any(word => haystack.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0))
            {
                return;
            }

            _state.Report(
                EgressRules.EGR1006_CoverageCannotBeProven,
                context.Span(pathString),
                $"Module '{statement.Name?.Name}'",
                "the AKS egress requirements",
                $"the rules inside {what}");
        }
    }
}
