// Test stub of the public surface of the Pulumi .NET SDK (package Pulumi) that user infrastructure code touches.
// Compiled only into test compilations (embedded resource). Conversions and Add overloads mirror the real SDK
// exactly (csharp-iac-api-shapes.md §1.1), so code that does not compile for a real user does not compile here.
#nullable enable
using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;

namespace Pulumi
{
    public class Output<T>
    {
        internal Output() { }

        public Output<TResult> Apply<TResult>(Func<T, TResult> func) => new Output<TResult>();
    }

    public static class Output
    {
        public static Output<T> Create<T>(T value) => new Output<T>();

        public static Output<string> Format(FormattableString formattableString) => new Output<string>();

        public static Output<ImmutableArray<T>> All<T>(params Input<T>[] inputs) => new Output<ImmutableArray<T>>();
    }

    public class Input<T>
    {
        private protected Input(Output<T> outputValue) { }

        public static implicit operator Input<T>(T value) => new Input<T>(new Output<T>());

        public static implicit operator Input<T>(Output<T> value) => new Input<T>(value);

        public static implicit operator Output<T>(Input<T> input) => new Output<T>();
    }

    public sealed class InputList<T> : Input<ImmutableArray<T>>, IEnumerable, IAsyncEnumerable<Input<T>>
    {
        public InputList() : base(new Output<ImmutableArray<T>>()) { }

        public void Add(params Input<T>[] inputs) { }

        public void Add(InputList<T> inputs) { }

        public void AddRange(InputList<T> inputs) { }

        public InputList<T> Concat(InputList<T> other) => new InputList<T>();

        IEnumerator IEnumerable.GetEnumerator() => throw new NotSupportedException("A Pulumi InputList<T> cannot be enumerated synchronously.");

        public IAsyncEnumerator<Input<T>> GetAsyncEnumerator(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public static implicit operator InputList<T>(T value) => new InputList<T>();
        public static implicit operator InputList<T>(Output<T> value) => new InputList<T>();
        public static implicit operator InputList<T>(Input<T> value) => new InputList<T>();
        public static implicit operator InputList<T>(T[] values) => new InputList<T>();
        public static implicit operator InputList<T>(Output<T>[] values) => new InputList<T>();
        public static implicit operator InputList<T>(Input<T>[] values) => new InputList<T>();
        public static implicit operator InputList<T>(List<T> values) => new InputList<T>();
        public static implicit operator InputList<T>(List<Output<T>> values) => new InputList<T>();
        public static implicit operator InputList<T>(List<Input<T>> values) => new InputList<T>();
        public static implicit operator InputList<T>(ImmutableArray<T> values) => new InputList<T>();
        public static implicit operator InputList<T>(ImmutableArray<Output<T>> values) => new InputList<T>();
        public static implicit operator InputList<T>(ImmutableArray<Input<T>> values) => new InputList<T>();
        public static implicit operator InputList<T>(Output<T[]> values) => new InputList<T>();
        public static implicit operator InputList<T>(Output<List<T>> values) => new InputList<T>();
        public static implicit operator InputList<T>(Output<IEnumerable<T>> values) => new InputList<T>();
        public static implicit operator InputList<T>(Output<ImmutableArray<T>> values) => new InputList<T>();
    }

    public sealed class InputMap<TValue> : Input<ImmutableDictionary<string, TValue>>, IEnumerable, IAsyncEnumerable<Input<KeyValuePair<string, TValue>>>
    {
        public InputMap() : base(new Output<ImmutableDictionary<string, TValue>>()) { }

        public void Add(string key, Input<TValue> value) { }

        public void Add(InputMap<TValue> values) { }

        public void AddRange(InputMap<TValue> values) { }

        public Input<TValue> this[string key] { set { } }

        public static InputMap<TValue> Merge(InputMap<TValue> first, InputMap<TValue> second) => new InputMap<TValue>();

        IEnumerator IEnumerable.GetEnumerator() => throw new NotSupportedException();

        public IAsyncEnumerator<Input<KeyValuePair<string, TValue>>> GetAsyncEnumerator(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public static implicit operator InputMap<TValue>(Dictionary<string, TValue> values) => new InputMap<TValue>();
        public static implicit operator InputMap<TValue>(ImmutableDictionary<string, TValue> values) => new InputMap<TValue>();
        public static implicit operator InputMap<TValue>(Output<Dictionary<string, TValue>> values) => new InputMap<TValue>();
        public static implicit operator InputMap<TValue>(Output<IDictionary<string, TValue>> values) => new InputMap<TValue>();
        public static implicit operator InputMap<TValue>(Output<ImmutableDictionary<string, TValue>> values) => new InputMap<TValue>();
    }

    public readonly struct Union<T0, T1>
    {
        private readonly object? _value;
        private readonly int _index;

        private Union(object? value, int index)
        {
            _value = value;
            _index = index;
        }

        public bool IsT0 => _index == 0;
        public bool IsT1 => _index == 1;
        public T0 AsT0 => (T0)_value!;
        public T1 AsT1 => (T1)_value!;
        public object? Value => _value;

        public static Union<T0, T1> FromT0(T0 input) => new Union<T0, T1>(input, 0);
        public static Union<T0, T1> FromT1(T1 input) => new Union<T0, T1>(input, 1);

        public TResult Match<TResult>(Func<T0, TResult> f0, Func<T1, TResult> f1) => _index == 0 ? f0(AsT0) : f1(AsT1);

        public void Switch(Action<T0> f0, Action<T1> f1)
        {
            if (_index == 0) f0(AsT0); else f1(AsT1);
        }

        public static implicit operator Union<T0, T1>(T0 t) => FromT0(t);
        public static implicit operator Union<T0, T1>(T1 t) => FromT1(t);
    }

    public sealed class InputUnion<T0, T1> : Input<Union<T0, T1>>
    {
        private InputUnion() : base(new Output<Union<T0, T1>>()) { }

        public static implicit operator InputUnion<T0, T1>(Union<T0, T1> value) => new InputUnion<T0, T1>();
        public static implicit operator InputUnion<T0, T1>(T0 value) => new InputUnion<T0, T1>();
        public static implicit operator InputUnion<T0, T1>(T1 value) => new InputUnion<T0, T1>();
        public static implicit operator InputUnion<T0, T1>(Input<T0> value) => new InputUnion<T0, T1>();
        public static implicit operator InputUnion<T0, T1>(Input<T1> value) => new InputUnion<T0, T1>();
        public static implicit operator InputUnion<T0, T1>(Output<Union<T0, T1>> value) => new InputUnion<T0, T1>();
        public static implicit operator InputUnion<T0, T1>(Output<T0> value) => new InputUnion<T0, T1>();
        public static implicit operator InputUnion<T0, T1>(Output<T1> value) => new InputUnion<T0, T1>();
    }

    public static class InputListExtensions
    {
        public static void Add<T0, T1>(this InputList<Union<T0, T1>> list, Input<T0> value) { }

        public static void Add<T0, T1>(this InputList<Union<T0, T1>> list, Input<T1> value) { }
    }

    public static class InputMapExtensions
    {
        public static void Add<T0, T1>(this InputMap<Union<T0, T1>> map, string key, Input<T0> value) { }

        public static void Add<T0, T1>(this InputMap<Union<T0, T1>> map, string key, Input<T1> value) { }
    }

    public abstract class InputArgs
    {
    }

    public abstract class ResourceArgs : InputArgs
    {
        public static readonly ResourceArgs Empty = new EmptyResourceArgs();

        private sealed class EmptyResourceArgs : ResourceArgs { }
    }

    public class ResourceOptions
    {
        public InputList<Resource> DependsOn { get; set; } = new InputList<Resource>();
        public Resource? Parent { get; set; }
        public ProviderResource? Provider { get; set; }
    }

    public sealed class CustomResourceOptions : ResourceOptions
    {
    }

    public class Resource
    {
        public Output<string> Urn { get; private protected set; } = new Output<string>();
    }

    public class CustomResource : Resource
    {
        public CustomResource(string type, string name, ResourceArgs? args, CustomResourceOptions? options = null) { }

        public Output<string> Id { get; private protected set; } = new Output<string>();
    }

    public class ProviderResource : CustomResource
    {
        public ProviderResource(string package, string name, ResourceArgs args, CustomResourceOptions? options = null)
            : base("pulumi:providers:" + package, name, args, options) { }
    }

    public class ComponentResource : Resource
    {
        public ComponentResource(string type, string name, ResourceOptions? options = null) { }
    }

    [AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
    public sealed class InputAttribute : Attribute
    {
        public InputAttribute(string name, bool required = false, bool json = false) { }
    }

    [AttributeUsage(AttributeTargets.Property)]
    public sealed class OutputAttribute : Attribute
    {
        public OutputAttribute(string? name = null) { }
    }

    [AttributeUsage(AttributeTargets.Struct)]
    public sealed class EnumTypeAttribute : Attribute
    {
    }

    public sealed class Config
    {
        public Config(string? name = null) { }

        public string? Get(string key) => null;
        public string Require(string key) => "";
        public int? GetInt32(string key) => null;
        public int RequireInt32(string key) => 0;
        public bool? GetBoolean(string key) => null;
        public bool RequireBoolean(string key) => false;
        public T RequireObject<T>(string key) => default!;
        public Output<string> RequireSecret(string key) => new Output<string>();
    }

    public static class Deployment
    {
        public static System.Threading.Tasks.Task<int> RunAsync(Action action) => System.Threading.Tasks.Task.FromResult(0);
        public static System.Threading.Tasks.Task<int> RunAsync(Func<IDictionary<string, object?>> func) => System.Threading.Tasks.Task.FromResult(0);
        public static System.Threading.Tasks.Task<int> RunAsync<TStack>() where TStack : Stack, new() => System.Threading.Tasks.Task.FromResult(0);
    }

    public class Stack : ComponentResource
    {
        public Stack() : base("pulumi:pulumi:Stack", "stack") { }
    }
}
