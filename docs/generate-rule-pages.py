# Regenerates docs/rules/*.md from the catalog data and EgressRules.cs: python3 docs/generate-rule-pages.py .
# RulePagesTests fails when the pages and the data drift apart.
import json, re, sys
root = sys.argv[1]
cat = json.load(open(f"{root}/src/EgressAnalyzers.Engine/Catalog/Data/aks-egress-requirements.json"))
rules_cs = open(f"{root}/src/EgressAnalyzers.Engine/Diagnostics/EgressRules.cs").read()

rules = {}
for m in re.finditer(r'new\(\s*EgressRuleIds\.(EGR\d{4}),\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)",\s*(\w+),\s*RuleSeverity\.(\w+),\s*"((?:[^"\\]|\\.)*)"\)', rules_cs):
    rid, title, msg, catc, sev, desc = m.groups()
    cats = {"CategoryConfiguration": "EgressAnalyzers.Configuration", "CategoryCoverage": "EgressAnalyzers.Coverage",
            "CategoryHygiene": "EgressAnalyzers.RuleHygiene", "CategoryTopology": "EgressAnalyzers.Topology"}
    rules[rid] = dict(title=title, msg=msg, cat=cats[catc], sev=sev, desc=desc)
assert len(rules) == 14, rules.keys()

R = cat["requirements"]
CLOUD_NAMES = {"AzureCloud": "Azure public cloud (`AzureCloud`)", "AzureChinaCloud": "Azure operated by 21Vianet (`AzureChinaCloud`)",
               "AzureUSGovernment": "Azure Government (`AzureUSGovernment`)"}

def ep(r):
    if "fqdn" in r:
        return f"`{r['fqdn']}`"
    return " or ".join(dest(d) for d in r["destinations"])

def dest(d):
    if d.startswith("serviceTag:"): return f"tag `{d[11:]}`"
    if d.startswith("fqdn:"): return f"`{d[5:]}`"
    return {"*": "`*`", "ipAddresses": "IP addresses", "customDnsServers": "the custom DNS servers"}[d]

def pp(r): return f"{r['protocol']}:{r['port']}"

def table(rows, cols):
    out = ["| " + " | ".join(c[0] for c in cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
    for r in rows:
        out.append("| " + " | ".join(c[1](r) for c in cols) + " |")
    return "\n".join(out)

ID = ("Id", lambda r: f"`{r['id']}`")
EP = ("Endpoint", ep)
PP = ("Protocol:port", pp)
PU = ("Why", lambda r: r["purpose"])
TAG = ("Covered by `AzureKubernetesService` tag", lambda r: "yes" if r.get("coveredByAksFqdnTag") else "no")
ALT = ("Also covered by a TCP 443 network rule to", lambda r: ", ".join(f"`{d[len('serviceTag:'):]}`" for d in r.get("destinations", [])) or "—")
COND = ("Condition", lambda r: cond(r))

def cond(r):
    parts = []
    if r.get("onlyWhen") == "customDns": parts.append("only with custom DNS servers")
    elif r.get("onlyWhen"): parts.append(f"only with feature `{r['onlyWhen']}`")
    if r.get("requiredWhen") == "legacyTunnel": parts.append("required with `EgressAksTunnel=legacy`, otherwise recommended")
    if "privateCluster" in r.get("notFor", []): parts.append("not for private clusters")
    return "; ".join(parts) or "always"

def core_app(cloud):
    return [r for r in R["current"][cloud] if "fqdn" in r and r["level"] == "required" and not r.get("onlyWhen")]

def features(cloud):
    return [r for r in R["current"][cloud] if r.get("onlyWhen") and r["onlyWhen"] != "customDns"]

def net(profile, cloud):
    return [r for r in R[profile][cloud] if "fqdn" not in r]

def rec_app(profile, cloud):
    return [r for r in R[profile][cloud] if "fqdn" in r and r["level"] == "recommended"]

SCOPE = """**Which firewalls are checked.** A firewall or firewall policy is checked only when one of these holds; otherwise the
analyzer stays silent about it:

* the inputs define an AKS cluster (`Microsoft.ContainerService/managedClusters`);
* its rules already reference AKS endpoints (a name under `azmk8s.io`, or the `AzureKubernetesService` FQDN tag);
* you opted in: `EgressCheckAllFirewalls=true`, or the metadata `EgressServesAks="true"` on the file's `AdditionalFiles` item."""

PROFILE_TEXT = """**Profiles.** `EgressAksProfile=current` (default) follows the current AKS outbound-rules article
(MicrosoftDocs/azure-aks-docs `articles/aks/outbound-rules-control-egress.md` @ `1bdcfff99d65`, 2026-06-18).
`EgressAksProfile=2019-preview` (Azure public cloud only) follows the 2019 preview page "Limit egress traffic for cluster nodes"
(`articles/aks/limit-egress-traffic.md` @ `74ec446717e7`, 2019-06-06) exactly, for clusters built to that guidance."""

def configure(rid):
    return f"""Settings are MSBuild properties (made visible to the analyzer) or keys of the same name in a `.globalconfig`:

| Setting | Values | Default | Effect |
|---|---|---|---|
| `EgressCloud` | `AzureCloud`, `AzureChinaCloud`, `AzureUSGovernment` | `AzureCloud` | Which cloud's list applies. |
| `EgressAksProfile` | `current`, `2019-preview` | `current` | Which generation of the AKS guidance applies (`2019-preview`: `AzureCloud` only). |
| `EgressAksLocation` | a region, e.g. `westeurope` | the cluster's `location` | Fills `<location>` in region-specific endpoints; overrides the templates. |
| `EgressAksFeatures` | comma-separated: `gpu`, `windows`, `monitoring`, `policy`, `defender`, `keyvault`, `workloadIdentity`, `extensions` | none | Features the cluster uses in addition to those detected in the templates. |
| `EgressAksTunnel` | `konnectivity`, `legacy` | `konnectivity` | `legacy` makes UDP 1194 / TCP 9000 (and TCP 22 in China) required. |
| `EgressAksPrivateCluster` | `true`, `false` | from the cluster (`apiServerAccessProfile.enablePrivateCluster`) | Private clusters are exempt from the API-server and tunnel entries. |
| `EgressAksCustomDns` | comma-separated IPv4 addresses | from the VNet (`dhcpOptions.dnsServers`) | Makes UDP 53 to those servers required. |
| `EgressCheckAllFirewalls` | `true`, `false` | `false` | Check every firewall and policy, even those nothing links to AKS. |

Use commas, not semicolons, in list values: analyzer configuration files treat `;` as the start of a comment.

```xml
<PropertyGroup>
  <EgressAksLocation>westeurope</EgressAksLocation>
  <EgressAksFeatures>monitoring,keyvault</EgressAksFeatures>
  <EgressAksTunnel>konnectivity</EgressAksTunnel>
</PropertyGroup>
<ItemGroup>
  <!-- this file's firewall serves AKS even if nothing in it says so -->
  <AdditionalFiles Include="infra/hub-firewall.json" EgressServesAks="true" />
</ItemGroup>
```

**Severity.** Set it in a `.globalconfig` (or with `<WarningsAsErrors>`/`<NoWarn>` in the project):

```ini
is_global = true
dotnet_diagnostic.{rid}.severity = error
```

```xml
<WarningsAsErrors>$(WarningsAsErrors);{rid}</WarningsAsErrors>
```

`.editorconfig` severities do **not** reach diagnostics located in ARM or Bicep `AdditionalFiles` (Roslyn applies
`.editorconfig` sections only to source files under them, dotnet/roslyn#55921); use `.globalconfig` or `<WarningsAsErrors>`.
An invalid setting value is reported as [EGR0001](EGR0001.md) and the default is used."""

def suppress(rid, title, cat_):
    where = ("the AKS cluster the diagnostic names, or the resource it is reported in (route table, application gateway)"
             if rid.startswith("EGR3") else "the firewall, firewall policy or rule collection group resource the\ndiagnostic is reported on")
    return f"""**ARM JSON**: add a `metadata` object to {where}. The justification is required; an empty one is itself reported as [EGR0001](EGR0001.md).

```json
{{
  "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups",
  "name": "hub-policy/aks",
  "metadata": {{
    "egressAnalyzers.suppress": {{ "{rid}": "justification: why this is acceptable here" }}
  }},
  "properties": {{ }}
}}
```

**C#** (Pulumi / Azure SDK sources): the usual Roslyn mechanisms.

```csharp
#pragma warning disable {rid} // justification
...
#pragma warning restore {rid}

[SuppressMessage("{cat_}", "{rid}:{title}", Justification = "...")]
```

**Bicep** (planned): `#disable-next-line {rid}` on the line before the resource.

To turn the rule off everywhere, set `dotnet_diagnostic.{rid}.severity = none` in a `.globalconfig`."""

def page(rid, cause, why, example_json, example_msg, fix, why_heading=None):
    r = rules[rid]
    heading = why_heading or ("Why AKS needs this" if rid.startswith("EGR1") else "Rule description")
    return f"""# {rid}: {r['title']}

| | |
|---|---|
| Rule ID | {rid} |
| Category | {r['cat']} |
| Default severity | {r['sev']} |
| Title | {r['title']} |

## Cause

{cause.strip()}

## {heading}

{why.strip()}

## Example

```json
{example_json.strip()}
```

Message:

```text
{example_msg.strip()}
```

## How to fix

{fix.strip()}

## How to configure

{configure(rid)}

## How to suppress

{suppress(rid, r['title'], r['cat'])}
"""

pages = {}

# ---------- EGR0001 ----------
pages["EGR0001"] = page("EGR0001",
"""A configuration value is not one the analyzer understands: an MSBuild property or `.globalconfig` key listed under
[How to configure](#how-to-configure), an `AdditionalFiles` metadata value (`EgressServesAks`), or a suppression
(`egressAnalyzers.suppress` with an unknown rule ID or an empty justification). The value is ignored and the default
is used.""",
"""A mistyped setting must be loud: `EgressAksTunnel=legcy` silently falling back to `konnectivity` would hide the very
diagnostics you asked for, and a suppression without a reason cannot be reviewed. Every value is checked against the
requirement catalog (clouds, profiles, regions of the chosen cloud, feature names) and reported with the values that
would have been accepted.""",
"""{
  "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups",
  "name": "hub-policy/aks",
  "metadata": { "egressAnalyzers.suppress": { "EGR1001": "" } }
}""",
"""Suppression of EGR1001 on 'hub-policy/aks' has no justification; write why the finding is acceptable""",
"""Correct the value to one listed in the message, or remove it to use the default. For suppressions, name an existing
rule ID and write a non-empty justification.""")

# ---------- EGR0002 ----------
pages["EGR0002"] = page("EGR0002",
"""A file passed as `AdditionalFiles` looks like an ARM template (`$schema` of a deployment template) or a Bicep file, but
it has a syntax error or exceeds a safety limit (size, nesting depth, expression length).""",
"""The analyzer reads what it can: resources before the error are analyzed, the rest is not. Findings that depend on the
unread part are therefore missing, so the file is reported instead of being silently skipped.""",
"""{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "resources": [
    { "type": "Microsoft.Network/firewallPolicies", "name": "hub-policy", }
  ]""",
"""'infra/hub.json' looks like a deployment template but could not be read: expected '}' at line 5, column 1""",
"""Fix the syntax error at the reported position (`az deployment group validate` or the Bicep compiler show the same
problem). If the file is not a template, remove it from `AdditionalFiles`.""")

# ---------- EGR1001 ----------
def core_section():
    parts = []
    for cloud in ["AzureCloud", "AzureChinaCloud", "AzureUSGovernment"]:
        parts.append(f"**{CLOUD_NAMES[cloud]}**\n\n" + table(core_app(cloud), [ID, EP, PP, PU, COND, ALT]))
    return "\n\n".join(parts)

def feature_section():
    rows = []
    for cloud in ["AzureCloud", "AzureChinaCloud", "AzureUSGovernment"]:
        for r in features(cloud):
            rows.append(dict(r, cloud=cloud))
    return table(rows, [("Feature", lambda r: f"`{r['onlyWhen']}`"), ("Cloud", lambda r: f"`{r['cloud']}`"), ID, EP, PP, PU, ALT])

p19_req = [r for r in R["2019-preview"]["AzureCloud"] if "fqdn" in r and r["level"] == "required"]

pages["EGR1001"] = page("EGR1001",
"""A firewall or firewall policy that serves an AKS cluster has no Allow rule that covers an FQDN the cluster needs over
HTTP or HTTPS. The FQDN is required by the AKS documentation for the chosen cloud and profile, either always (core
entries) or because the cluster uses a feature that needs it.""",
f"""AKS nodes pull system images, binaries and packages, authenticate, and talk to the API server through these endpoints.
Behind a firewall that blocks one of them, node provisioning fails, so cluster creation, scaling and upgrades fail
(every new node needs the full list, MicrosoftDocs/azure-aks-docs#144).

An endpoint counts as allowed when an Allow application rule covers the FQDN on the protocol and port (Azure Firewall
wildcard semantics: `*.contoso.com` covers any depth of sub-domain but not `contoso.com`), or when a network rule
processed before it allows TCP to a destination that reaches it (`*`, addresses that together are every address such
as `0.0.0.0/1` and `128.0.0.0/1`, or a service tag listed in the last column). Network rules are processed before
application rules, whatever the priorities. A rule to an IP Group declared in the analyzed files is read as the same
rule with the group's addresses written in place (a group holding `0.0.0.0/0` reaches every FQDN; a group without
addresses makes Azure Firewall skip the rule). A group declared elsewhere, or named by an ID computed at deployment,
may hold every address: coverage is then unknown ([EGR1006](EGR1006.md)), not missing. In C#, Pulumi's `IpGroup`
(Azure Native, `IpAddresses`) and `IPGroup` (classic, `Cidrs`; without `Cidrs` its addresses are unknown, since
`IPGroupCIDR` resources may add them) are read the same way when a rule names `ipGroup.Id`; Azure.ResourceManager IP
Groups are not read (a rule to one is unknown). An application rule's `webCategories`, and its `targetUrls` (Premium, TLS
inspection) for the endpoint's host, may let an endpoint through or not: the analyzer cannot tell which names a category
holds or which paths AKS uses, so such a rule makes coverage unknown, never allowed nor missing (a Deny by category
before the Allow too).

{SCOPE}

**Core entries, profile `current`** (required always, except where the condition says otherwise):

{core_section()}

The `AzureKubernetesService` FQDN tag (application rules, protocol `Https`) covers the core entries above and nothing
else: never feature endpoints (unless the feature needs the very same FQDN as a core entry, such as
`login.microsoftonline.com` for workload identity) and never network requirements (UDP/TCP ports, DNS, NTP,
API-server IP). This follows mspnp/aks-baseline#289 (the tag covers the core AKS service, no add-ons or extensions)
and the field reports of feature endpoints denied despite the tag (Azure/AKS#2215, MicrosoftDocs/azure-docs#110914).

`mcr.microsoft.com` and its data endpoints have no service-tag alternative: Microsoft's MAR firewall guide needs both
`MicrosoftContainerRegistry` and `AzureFrontDoor.FirstParty`, so write the FQDNs in an application rule.

**Feature entries, profile `current`.** Required only when the feature is detected on the cluster in the templates
(node pool `osType`, GPU `vmSize`, add-on profiles, security profile, extension resources) or listed in
`EgressAksFeatures`. The GPU endpoints install NVIDIA drivers: a pool counts as GPU for the N-series sizes with NVIDIA
GPUs (NC, ND, NV); NP (FPGA) does not count, and for the AMD GPU sizes (NG, NVv4, ND MI300X) whether they are needed is
unknown ([EGR1006](EGR1006.md)):

{feature_section()}

The documentation writes the Key Vault row as `vault.azure.net`, without a wildcard. Under Azure Firewall semantics
that name does not match `<vault>.vault.azure.net`, so the catalog asks for `*.vault.azure.net`, which is what works.
Key Vault, Application Insights auto-instrumentation and Marketplace extension endpoints are recommended (EGR1003), not
required: the documentation recommends private endpoints for Key Vault, and only some workloads use the other two.

{PROFILE_TEXT}

**Profile `2019-preview`** (all `Https:443`, not covered by the FQDN tag, which appeared in 2020):

{table(p19_req, [ID, EP, PP, PU])}

Recommended and conditional endpoints are reported as [EGR1003](EGR1003.md); ports as [EGR1002](EGR1002.md).""",
"""{
  "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups",
  "name": "hub-policy/aks",
  "properties": {
    "priority": 200,
    "ruleCollections": [ {
      "ruleCollectionType": "FirewallPolicyFilterRuleCollection",
      "name": "aks-core", "priority": 100, "action": { "type": "Allow" },
      "rules": [ {
        "ruleType": "ApplicationRule", "name": "mcr",
        "sourceAddresses": [ "10.240.0.0/16" ],
        "protocols": [ { "protocolType": "Https", "port": 443 } ],
        "targetFqdns": [ "mcr.microsoft.com", "*.data.mcr.microsoft.com" ]
      } ]
    } ]
  }
}""",
"""'hub-policy' does not allow management.azure.com (Https:443), which AKS needs: Kubernetes operations against the Azure Resource Manager API""",
"""Add the FQDN to an Allow application rule that the cluster's subnet matches, with the protocol and port from the
message, or add an application rule with the `AzureKubernetesService` FQDN tag (`Https:443`) for the core entries.
**Code fix (ARM JSON).** *Add a firewall rule that allows …* (and Fix All, one consistent edit per file) inserts the
missing rules, one per group of endpoints (`aks-core-fqdns`, `aks-monitoring-fqdns`, …): into the last Allow application
collection that is processed before any Deny matching the traffic, else into a new collection or rule collection group
named `aks-egress` whose priority puts it after the existing Allows and before those Denies (where a Deny leaves no
priority before it, the endpoints it matches are left unfixed, and `EgressFix` says why; the others are still fixed). It keeps the file's
indentation, line endings, array layout and comments, copies the sources of a sibling rule as written, and never removes
or reorders a rule. Region-specific names use the cluster's `location` expression when the cluster is in the same
template (`[format('*.hcp.{0}.azmk8s.io', parameters('location'))]`), else the resolved region
(`*.hcp.westeurope.azmk8s.io`). Rules computed by expressions or copy loops are left alone. Editors differ in showing
fixes for additional files (see the README); the same fix is available to build tooling through `TemplateFixer`.""")

# ---------- EGR1002 ----------
pages["EGR1002"] = page("EGR1002",
"""A firewall or firewall policy that serves an AKS cluster has no Allow network rule for a protocol and port the cluster
needs in its configuration.""",
f"""Non-HTTP(S) traffic can only be allowed by network rules; application rules and the `AzureKubernetesService` FQDN tag
never cover it.

{SCOPE}

**Profile `current`.** No port is required unconditionally. A network requirement becomes required only in these
configurations:

| Requirement | Protocol:port | Destinations that satisfy it | Required when |
|---|---|---|---|
| Custom DNS (`G-N4`, `C-N5`, `U-N4`) | UDP:53 | `*` or the custom DNS server addresses | the VNet has custom DNS servers (`dhcpOptions.dnsServers`) or `EgressAksCustomDns` is set |
| Legacy tunnel (`G-N1`/`G-N2`, `C-N1`/`C-N2`/`C-N3`, `U-N1`/`U-N2`) | UDP:1194, TCP:9000 (China also TCP:22) | `*`, `AzureCloud.<location>`, `AzureCloud`, or IP addresses | `EgressAksTunnel=legacy` and the cluster is not private |

Without those settings the tunnel ports are only recommended and are reported as [EGR1003](EGR1003.md): current
clusters use konnectivity-agent over `*.hcp.<location>.azmk8s.io:443`, and the documentation exempts private clusters
and konnectivity clusters. There is no way to see from a template which tunnel a cluster runs, so `legacy` is never
assumed. NTP (UDP 123) and TCP 443 to the API-server IP are recommended only (EGR1003).

A destination given as IP addresses (region CIDRs, the API server's public IP) may or may not be the right one; it makes
coverage unknown ([EGR1006](EGR1006.md)) rather than proven.

{PROFILE_TEXT}

**Profile `2019-preview`** (every port required, any destination form accepted):

{table(net('2019-preview', 'AzureCloud'), [ID, PP, ("Destinations", lambda r: ", ".join(dest(d) for d in r['destinations'])), PU])}""",
"""{
  "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups",
  "name": "hub-policy/aks-network",
  "properties": {
    "priority": 200,
    "ruleCollections": [ {
      "ruleCollectionType": "FirewallPolicyFilterRuleCollection",
      "name": "aks-net", "priority": 100, "action": { "type": "Allow" },
      "rules": [ {
        "ruleType": "NetworkRule", "name": "ntp",
        "ipProtocols": [ "UDP" ], "sourceAddresses": [ "10.240.0.0/16" ],
        "destinationFqdns": [ "ntp.ubuntu.com" ], "destinationPorts": [ "123" ]
      } ]
    } ]
  }
}""",
"""'hub-policy' does not allow UDP 53 to 10.0.0.4 (UDP:53), which AKS needs: nodes must reach their custom DNS servers""",
"""Add an Allow network rule from the cluster's subnet with the protocol and port from the message, to one of the listed
destination forms (for the tunnel prefer the service tag `AzureCloud.<region>`, e.g. `AzureCloud.WestEurope`). If the
cluster does not use the legacy tunnel, remove `EgressAksTunnel=legacy` instead.

**Code fix (ARM JSON).** The same fix as for [EGR1001](EGR1001.md) writes network rules (`aks-dns` to the custom DNS
servers, `aks-tunnel-udp`/`aks-tunnel-tcp` to `AzureCloud.<region>`) into an Allow network collection processed before
any matching Deny, or into a new `aks-egress` collection or rule collection group.""")

# ---------- EGR1003 ----------
rec_g = [r for r in R["current"]["AzureCloud"] if r["level"] == "recommended"]
pages["EGR1003"] = page("EGR1003",
"""A firewall or firewall policy that serves an AKS cluster does not allow an endpoint that AKS recommends, or needs only
in configurations the analyzer cannot see (for example the legacy tunnel).""",
f"""The cluster works without these endpoints in the configuration the analyzer can see, so this is information, not a
warning. Each entry says what you lose without it.

{SCOPE}

**Profile `current`, `AzureCloud`** (the China and Government lists have the same entries with their own ids; China
adds TCP:22 to the tunnel):

{table(rec_g, [ID, EP, PP, PU, COND])}

* Tunnel ports (UDP 1194, TCP 9000): only clusters that still run the legacy tunnel (tunnelfront/aks-link) need them;
  set `EgressAksTunnel=legacy` to make them required ([EGR1002](EGR1002.md)). Private clusters are exempt.
* NTP: the documentation says nodes provisioned after March 2021 do not need it.
* TCP 443 to the API-server IP: only for workloads outside `kube-system`/`gatekeeper-system` that call the API server by
  IP (an ingress controller, for example). Application rules cannot match them because such calls carry no SNI. Not for
  private clusters.
* Ubuntu updates: without them nodes get OS fixes only through node-image or cluster upgrades.

{PROFILE_TEXT}

**Profile `2019-preview`** (recommended on the 2019 page):

{table(rec_app('2019-preview', 'AzureCloud'), [ID, EP, PP, PU])}""",
"""{
  "ruleType": "ApplicationRule", "name": "ubuntu",
  "sourceAddresses": [ "10.240.0.0/16" ],
  "protocols": [ { "protocolType": "Https", "port": 443 } ],
  "targetFqdns": [ "security.ubuntu.com", "azure.archive.ubuntu.com", "changelogs.ubuntu.com" ]
}""",
"""'hub-policy' does not allow security.ubuntu.com (Http:80), which AKS uses: Linux node security patches and updates""",
"""Allow the endpoint if you want what it gives (note the port: the Ubuntu archive hosts use `Http:80`), or lower the
rule's severity to `none` in a `.globalconfig` if your cluster deliberately goes without it.""")

# ---------- EGR1004 ----------
pages["EGR1004"] = page("EGR1004",
"""An Allow rule covers a required AKS endpoint, but a Deny rule collection that Azure Firewall processes earlier matches
the same traffic.""",
f"""Azure Firewall stops at the first matching rule. Within a policy, rule collection groups are processed by priority,
collections within a group by priority, and rules top-down; a parent policy's groups come before the child's; DNAT runs
before network rules, and network rules before application rules, whatever the priorities. A Deny that comes first
therefore wins over an Allow that comes later, however specific the Allow is.

A Deny counts only for the traffic of the cluster's nodes. When the node subnet is in the inputs, a Deny whose sources
do not include it blocks nothing. When it is not, an Allow is taken to be written for the nodes, but a Deny limited to
some sources (another spoke's range, an IP Group) may be someone else's: whether it blocks the Allow is then unknown
([EGR1006](EGR1006.md), naming the Deny's source), never reported here.

The order must be known for the Deny to count as first. When a priority cannot be resolved, when two rule collection
groups of a policy share a priority (which one Azure Firewall processes first is not documented; the analyzer tries
both), or when the Deny's group, module or nested deployment is deployed under a condition the analyzer cannot resolve,
an outcome that depends on it is unknown (EGR1006), not blocked.

{SCOPE}""",
"""{
  "ruleCollections": [
    { "ruleCollectionType": "FirewallPolicyFilterRuleCollection", "name": "deny-internet",
      "priority": 100, "action": { "type": "Deny" },
      "rules": [ { "ruleType": "ApplicationRule", "name": "all",
        "protocols": [ { "protocolType": "Https", "port": 443 } ], "targetFqdns": [ "*" ],
        "sourceAddresses": [ "*" ] } ] },
    { "ruleCollectionType": "FirewallPolicyFilterRuleCollection", "name": "aks-core",
      "priority": 200, "action": { "type": "Allow" },
      "rules": [ { "ruleType": "ApplicationRule", "name": "aks",
        "protocols": [ { "protocolType": "Https", "port": 443 } ], "fqdnTags": [ "AzureKubernetesService" ],
        "sourceAddresses": [ "10.240.0.0/16" ] } ] }
  ]
}""",
"""'hub-policy' allows mcr.microsoft.com (Https:443) in 'aks-core', but the Deny collection 'deny-internet' is processed first and blocks it; AKS needs it: Microsoft Container Registry: system images (CoreDNS, ...) for create, scale and upgrade""",
"""Give the Allow collection (or its group) a smaller priority number than the Deny, narrow the Deny's sources or
destinations so that it does not match the cluster's traffic, or move the Deny to a later group. A catch-all deny is
rarely needed: Azure Firewall denies anything no rule allows.""")

# ---------- EGR1005 ----------
pages["EGR1005"] = page("EGR1005",
"""A rule allows a region-specific AKS endpoint (such as `*.hcp.<region>.azmk8s.io`, `AzureCloud.<region>`,
`<region>.dp.kubernetesconfiguration.azure.com`) for a region other than the cluster's.""",
f"""Several AKS endpoints contain the cluster's region. A rule written for another region (a copied template, a hard-coded
`eastus`) does not cover the cluster at all, so the requirement is still missing even though the rule looks right.
The cluster's region comes from its `location` (resolved through parameters where possible) or from `EgressAksLocation`.

{SCOPE}""",
"""{
  "ruleType": "ApplicationRule", "name": "api-server",
  "sourceAddresses": [ "10.240.0.0/16" ],
  "protocols": [ { "protocolType": "Https", "port": 443 } ],
  "targetFqdns": [ "*.hcp.eastus.azmk8s.io" ]
}""",
"""'*.hcp.eastus.azmk8s.io' names region 'eastus', but the AKS cluster 'aks-prod' is in 'westeurope'""",
"""Build the name from the cluster's location instead of hard-coding it, for example in ARM
`"[format('*.hcp.{0}.azmk8s.io', parameters('location'))]"` or in Bicep `'*.hcp.${location}.azmk8s.io'`. If the rule
serves clusters in several regions, list every region.""")

# ---------- EGR1006 ----------
pages["EGR1006"] = page("EGR1006",
"""Whether a required endpoint is allowed depends on a value the analyzer cannot resolve statically: a parameter without a
value, `reference()`, `listKeys()`, a module or deployment output, a C# value computed at run time, an IP Group whose
addresses are not in the analyzed files, the condition of a rule collection group, firewall, module or nested deployment
(`if (deployDeny)`, `"condition"`) whose rules may then exist or not, or a destination given as IP addresses.""",
f"""The analyzer never treats an unknown value as missing: that is the main source of false positives in other IaC
scanners. Instead of [EGR1001](EGR1001.md)/[EGR1002](EGR1002.md) it reports once, as information, which value it could
not resolve. Unknown values never become "missing" and never become "allowed".

An IP destination (region CIDRs, the API server's IP) counts as unknown for the same reason: the analyzer cannot know
whether it is the right one.

Policy links count too. A policy whose `basePolicy` (or a firewall whose `firewallPolicy`) arrives as a parameter
without a value is reported here, and while such an unresolved `basePolicy` link exists, a policy that no firewall in
the inputs uses is treated as the possible base: it is not checked on its own, because the firewall enforces its rules
only merged into the child (generic CARML/AVM modules are written this way).

So do rules whose owner is unknown. A rule collection group whose policy name is a parameter without a value or a C#
value computed at run time (and that no policy in the inputs claims by the same expression), or Pulumi classic rule
collections naming a firewall that way, may belong to any policy (firewall) in the inputs. They are checked as part of
none; an endpoint they may allow is reported here, at the group, and an endpoint they cannot allow stays missing (their
priority may put them first, but Azure Firewall still processes every network rule before any application rule, so a
network rule of the policy that denies the traffic still wins). Their Deny rules are not held against what the policy
allows: that would be a guess too, and the analyzer only ever leaves such a finding out. C#
code that creates a group or a classic collection but does not compile yet (an argument too many, an `Args` type being
typed), or whose `Args` object is known only at run time, counts as such a group whose rules may allow anything: while a
line is being typed, the policy it fills does not look empty.

In C#, an object that may have changed after the code that built it is also unknown rather than read as its
initializer: `Args` handed to a method of your program that adds to them (`AddMonitoringRules(groupArgs)`, an extension
method), a list of them handed on, a call on them the analyzer does not apply, a `static readonly` list changed
elsewhere, a value set a second time (deconstruction, a static constructor), or an object of a class of yours that
fills itself. Read as its initializer, such an object would make what the change adds look missing. Because the whole
`Args` object is unknown, the message may name its policy as what could not be resolved.

Loops are read item by item where the analyzer knows the collection (a `foreach` over a known array or list, LINQ
`Select`/`SelectMany`/`Concat`/`Append`/`Prepend`, an ARM copy loop, a Bicep `for`). What stays unknown is reported
here: a C# loop that can leave early (`break`, `continue`, `return`, `throw`), code in a loop under a condition the
analyzer cannot decide for every item (conditions made of `==`, `!=`, `!`, `&&`, `||`, `is` a constant and
`string.Equals` on known values are decided per item, as a Bicep `if` filter is), a collection known only at run time
or longer than the analyzer expands, and filters such as `Where`.

{SCOPE}""",
"""{
  "parameters": { "aksFqdns": { "type": "array" } },
  "resources": [ {
    "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups",
    "name": "hub-policy/aks",
    "properties": { "priority": 200, "ruleCollections": [ {
      "ruleCollectionType": "FirewallPolicyFilterRuleCollection",
      "name": "aks", "priority": 100, "action": { "type": "Allow" },
      "rules": [ { "ruleType": "ApplicationRule", "name": "aks",
        "sourceAddresses": [ "10.240.0.0/16" ],
        "protocols": [ { "protocolType": "Https", "port": 443 } ],
        "targetFqdns": "[parameters('aksFqdns')]" } ] } ] }
  } ]
}""",
"""'hub-policy': coverage of mcr.microsoft.com (Https:443) cannot be proven because parameter 'aksFqdns' could not be resolved""",
"""Give the value a default, or pass a parameter file next to the template (as `AdditionalFiles`) so it can be resolved.
If it cannot be known before deployment, this information is expected; lower the severity to `none` if you do not want
to see it.""")

# ---------- EGR2001 ----------
pages["EGR2001"] = page("EGR2001",
"""An Allow rule of a firewall or policy that serves AKS allows every destination: an application rule with target FQDN
`*`, or a network rule with destination `*` and all ports (`*` or `1-65535`) for TCP, UDP or Any.""",
"""Locking down AKS egress means allowing only what the cluster needs. An allow-everything rule makes the rest of the rule
set meaningless and hides missing rules: every coverage check passes because of it. Narrow rules such as TCP 443 to
`AzureCloud.<region>`, or `*` on a single port that AKS documents, are not reported. Neither is a rule whose sources
cannot include the nodes (a jump box's subnet) when every cluster's node subnet is in the analyzed files: it does not
open AKS egress. A destination IP Group declared in the files counts with its addresses (`0.0.0.0/0` is every
destination).""",
"""{
  "ruleType": "NetworkRule", "name": "allow-all",
  "ipProtocols": [ "Any" ], "sourceAddresses": [ "10.240.0.0/16" ],
  "destinationAddresses": [ "*" ], "destinationPorts": [ "*" ]
}""",
"""'hub-policy' allows all Any egress in rule 'allow-all', which defeats locking down AKS egress""",
"""Replace the rule with the endpoints the cluster needs (see [EGR1001](EGR1001.md), [EGR1002](EGR1002.md)), or suppress
the diagnostic with a justification if the rule is a deliberate, temporary exception.""")

# ---------- EGR2002 ----------
pages["EGR2002"] = page("EGR2002",
"""A rule value is one Azure Firewall rejects or never matches: a malformed FQDN, a wildcard anywhere but the left-most
label (`www.contoso.*`, `*.*.contoso.com`, `aa*.contoso.com`), a wildcard in a network-rule FQDN, a port outside
1-65535 (application rules: outside the API's 0-64000), a malformed port range, an unknown protocol, a malformed
IP address, CIDR or range, or an IP group of the analyzed files that holds no addresses (Azure Firewall skips a rule
whose IP group is empty, so coverage leaves that rule out too).""",
"""The deployment fails, or worse, succeeds with a rule that matches nothing, and the endpoint the rule was written for
stays blocked. `*contoso.com` (no dot) is valid but also matches look-alike names such as `evilcontoso.com`; prefer
`*.contoso.com` plus `contoso.com`.""",
"""{
  "ruleType": "ApplicationRule", "name": "mcr",
  "sourceAddresses": [ "10.240.0.0/16" ],
  "protocols": [ { "protocolType": "Https", "port": 443 } ],
  "targetFqdns": [ "mcr.microsoft.*" ]
}""",
"""'mcr.microsoft.*' is not a valid target FQDN: '*' is only allowed as the left-most label""",
"""Write the value in a form Azure Firewall accepts (see the message). For FQDN wildcards, put `*` only at the left:
`*.data.mcr.microsoft.com`.""")

# ---------- EGR2003 ----------
dep_rows = cat["deprecated"]
pages["EGR2003"] = page("EGR2003",
"""A rule of a firewall or policy that serves AKS allows an endpoint that earlier AKS guidance required and the current
list no longer does.""",
f"""Allowing an endpoint nobody needs widens egress for nothing. The list comes from the dated change log of the AKS
egress article (MicrosoftDocs/azure-aks-docs):

{table(dep_rows, [("Endpoint", lambda d: f"`{d['fqdn']}`"), ("Status", lambda d: d['note']), ("Source", lambda d: d['source'])])}

Deliberately **not** reported, although earlier lists had them:

* `*.blob.core.windows.net` left the core AKS list on 2020-02-12, but it is no longer a core requirement only: GitOps
  (Flux) and cluster-extension installers still download charts from storage accounts, and many workloads use their own
  storage. Flagging it would be a false positive.
* `raw.githubusercontent.com` left the list for Azure Policy on 2021-05-03, but Flux still uses it.

The rule is not reported when `EgressAksProfile=2019-preview`: that profile still needs these endpoints.""",
"""{
  "ruleType": "ApplicationRule", "name": "aks-legacy",
  "sourceAddresses": [ "10.240.0.0/16" ],
  "protocols": [ { "protocolType": "Https", "port": 443 } ],
  "targetFqdns": [ "mcr.microsoft.com", "*.cdn.mscr.io" ]
}""",
"""'*.cdn.mscr.io' is no longer an AKS egress requirement (removed from the AKS list on 2020-11-09; MCR now serves from *.data.mcr.microsoft.com); the rule can be removed""",
"""Remove the endpoint from the rule (the code fix does this). Keep it, with a suppression and its reason, if something
other than AKS still needs it, for example your own images on Docker Hub (`*.docker.io`).""")

# ---------- topology (3xxx) ----------
TOPOLOGY_SCOPE = """**What is related.** For every AKS cluster among the analyzed files, the analyzer follows each agent pool's
`vnetSubnetID` to the subnet, the subnet's `routeTable.id` to the route table, and the table's `0.0.0.0/0` route (written
inline in `routes`, or as a `routeTables/routes` child resource) to its next hop. Subnets referenced through a parameter
(`concat(parameters('vnetId'), '/subnets/snet-nodes')`) are found by name when exactly one subnet of that name is in
the files. A firewall's private IP is taken from `ipConfigurations[].properties.privateIPAddress` when written, and
otherwise from the address Azure assigns: the first usable address (`.4`) of its `AzureFirewallSubnet`. A next hop written
as `reference(<firewall id>).ipConfigurations[0].properties.privateIPAddress` is linked to that firewall."""

pages["EGR3001"] = page("EGR3001",
"""An AKS cluster's `networkProfile.outboundType` and the route on its node subnet disagree:

* the node subnet sends `0.0.0.0/0` to a virtual appliance (normally the Azure Firewall), but `outboundType` is
  `loadBalancer` (also when it is not set), `managedNATGateway` or `userAssignedNATGateway`; or
* `outboundType` is `userDefinedRouting`, but the node subnet has no route table, its route table has no `0.0.0.0/0`
  route, or that route's next hop is `Internet` or `None`.

It is reported as **Info** (not Warning) when the cluster uses `userDefinedRouting` and the node subnet or its route
table is not among the analyzed files, so the route cannot be checked.""",
"""`userDefinedRouting` is the outbound type that puts the firewall on the cluster's egress path: AKS then sets up no
egress of its own and relies on the node subnet's route table to send everything to the firewall. With any other outbound
type AKS creates its own outbound path (a public IP on the load balancer, or a NAT gateway) while the route table pulls
traffic towards the firewall; egress then does not behave as the firewall rules assume, and some combinations fail at
provisioning. The reverse is worse: with `userDefinedRouting` and no default route to an appliance, AKS rejects the
configuration or the nodes have no way out at all. AKS also refuses `userDefinedRouting` when the default route's next
hop is `Internet`.

""" + TOPOLOGY_SCOPE,
"""{
  "type": "Microsoft.ContainerService/managedClusters",
  "name": "aks-prod",
  "properties": {
    "agentPoolProfiles": [ { "name": "system", "vnetSubnetID": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-spoke', 'snet-nodes')]" } ],
    "networkProfile": { "networkPlugin": "azure", "outboundType": "loadBalancer" }
  }
}""",
"""AKS cluster 'aks-prod': outboundType is 'loadBalancer', but node subnet 'snet-nodes' sends 0.0.0.0/0 to a virtual appliance (route 'to-firewall' of route table 'rt-spoke'). AKS still sends egress out its own way (load balancer public IP or NAT gateway), so egress does not go through the firewall as intended (or provisioning fails). Set outboundType to 'userDefinedRouting' to make the firewall the cluster's egress path, or remove the route.""",
"""Decide which egress path the cluster should have. To send it through the firewall, set
`networkProfile.outboundType` to `userDefinedRouting` and keep the `0.0.0.0/0` → `VirtualAppliance` route (next hop:
the firewall's private IP) on every node subnet. Otherwise remove the route from the node subnets. When the route table
lives in another repository or template, add that file to the analyzed `AdditionalFiles` to turn the Info into a real check.""")

pages["EGR3002"] = page("EGR3002",
"""The node subnet (or an ingress subnet) sends `0.0.0.0/0` to an Azure Firewall among the analyzed files, the firewall
has no DNAT rule (no classic `natRuleCollections` rule and no `FirewallPolicyNatRuleCollection` rule in its policy chain),
and the configuration exposes public ingress that lands behind that route:

* agent pools with `enableNodePublicIP: true`;
* the cluster's ingress add-on (`addonProfiles.httpApplicationRouting`, `ingressProfile.webAppRouting`), which publishes a
  public load balancer by default;
* an application gateway or load balancer with a public frontend in a subnet whose default route goes to the firewall.

Public `LoadBalancer` services created by Kubernetes are not in infrastructure code, so they cannot be seen; the rule
uses what the templates show. When the firewall's rules are not fully visible (its policy is not among the files, or a
rule list is an unresolved expression) the analyzer stays silent rather than guess.""",
"""This is the trap the original 2019 AKS egress guidance warned about, restated here. Forcing all egress through the
firewall with a route table also changes where *replies* go. A client on the internet connects to a public IP in front of
the cluster (a public load balancer, a node's public IP); the request reaches the node directly, without passing the
firewall. The node's reply to the client is internet-bound, so the `0.0.0.0/0` route sends it to the firewall instead of
back the way the request came. Azure Firewall is stateful: it has never seen that connection open, so it drops the
reply, and the client's connection hangs. Nothing is wrong with any single resource; the break is in how they are wired.

The fix the guidance gives is to make ingress come in through the firewall too: a DNAT rule on the firewall's public IP
translates to the load balancer's (internal) frontend, so the firewall sees both directions of every connection.

""" + TOPOLOGY_SCOPE,
"""{
  "type": "Microsoft.ContainerService/managedClusters",
  "name": "aks-prod",
  "properties": {
    "agentPoolProfiles": [ {
      "name": "system",
      "enableNodePublicIP": true,
      "vnetSubnetID": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-spoke', 'snet-nodes')]"
    } ],
    "networkProfile": { "outboundType": "userDefinedRouting" }
  }
}""",
"""AKS cluster 'aks-prod' (enableNodePublicIP gives nodes public IPs) accepts traffic from the internet, but the default route 'to-firewall' of subnet 'snet-nodes' sends replies through Azure Firewall 'fw-hub', which has no DNAT rule for it: the stateful firewall never saw the inbound connection and drops the replies (asymmetric routing). Publish public services through a DNAT rule on the firewall's public IP that translates to the service's load balancer frontend (the firewall then sees both directions), and keep services internal. Or turn off enableNodePublicIP.""",
"""Bring public ingress in through the firewall: add a DNAT rule (classic `natRuleCollections`, or a
`FirewallPolicyNatRuleCollection` in the firewall's policy) whose destination is the firewall's public IP and whose
translated address is the internal load balancer frontend of the service, and make the Kubernetes services internal
(`service.beta.kubernetes.io/azure-load-balancer-internal: "true"`). Alternatively, keep the ingress path off the forced
route: an application gateway in its own subnet without the `0.0.0.0/0` route, reaching the cluster through an internal
load balancer, does not have this problem.""")

pages["EGR3003"] = page("EGR3003",
"""A node subnet's `0.0.0.0/0` route goes to a virtual appliance whose address is not the private IP of any Azure Firewall
among the analyzed files. The address is compared with each firewall's written private IP, or with the `.4` address of its
`AzureFirewallSubnet`; a next hop read from a firewall with `reference(...)` counts as that firewall.

It is reported as **Info** (not Warning) when the next-hop address cannot be resolved (a parameter without a value, a
module output, `reference()` to a firewall that is not among the files) or when a firewall's own private IP cannot be
determined: then a mismatch cannot be proven.""",
"""The coverage rules (EGR1xxx) check the rules of the firewalls they can see. If the cluster's egress actually goes to
another appliance — a different firewall, a third-party NVA, a stale address after the hub was rebuilt — those checks
say nothing about the traffic the cluster produces, and the cluster may fail to provision or upgrade behind rules
nobody checked.

""" + TOPOLOGY_SCOPE,
"""{
  "type": "Microsoft.Network/routeTables",
  "name": "rt-spoke",
  "properties": {
    "routes": [ {
      "name": "to-firewall",
      "properties": { "addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.0.9.4" }
    } ]
  }
}""",
"""The default route 'to-firewall' of AKS cluster 'aks-prod' sends egress to 10.0.9.4, which is not the private IP of any Azure Firewall among the analyzed files ('fw-hub' has 10.0.1.4): the cluster's egress meets an appliance whose rules were not checked. Point the route at the firewall's private IP, or add the firewall's template to the analyzed files.""",
"""Point the route at the firewall's private IP — best read from the firewall itself
(`reference(resourceId('Microsoft.Network/azureFirewalls', 'fw-hub'), '2023-09-01').ipConfigurations[0].properties.privateIPAddress`)
so it cannot go stale — or add the template that defines the firewall to the analyzed `AdditionalFiles`. If the appliance
is deliberately not an Azure Firewall, suppress the diagnostic on the route table with the reason.""")

for rid, text in pages.items():
    open(f"{root}/docs/rules/{rid}.md", "w").write(text)

# ---------- README ----------
fams = [("0xxx", "Configuration and analyzer health", "EgressAnalyzers.Configuration"),
        ("1xxx", "Egress coverage: does the firewall let AKS egress through?", "EgressAnalyzers.Coverage"),
        ("2xxx", "Rule hygiene: rules that are invalid, too wide or obsolete", "EgressAnalyzers.RuleHygiene"),
        ("3xxx", "Network topology: is the firewall on the cluster's egress path, and does ingress survive it?", "EgressAnalyzers.Topology")]
readme = ["# EgressAnalyzers rules", "",
  "Every diagnostic has a page with its cause, why it matters, an example, how to fix, configure and suppress it.", "",
  "## Families", "", "| Range | Family | Category |", "|---|---|---|"]
readme += [f"| {a} | {b} | `{c}` |" for a, b, c in fams]
readme += ["", "## Rules", "", "| ID | Title | Category | Default severity |", "|---|---|---|---|"]
readme += [f"| [{rid}]({rid}.md) | {r['title']} | `{r['cat']}` | {r['sev']} |" for rid, r in sorted(rules.items())]
readme += ["", "## The requirement catalog", "",
  "Coverage rules (1xxx) check firewalls against the AKS egress requirement catalog, a data file with a source for every",
  "entry: `src/EgressAnalyzers.Engine/Catalog/Data/aks-egress-requirements.json` (catalog version " + cat["version"] + ").",
  "It has two profiles (`current`, `2019-preview`) and three clouds (`AzureCloud`, `AzureChinaCloud`, `AzureUSGovernment`).",
  "What is required, conditional or recommended is listed on [EGR1001](EGR1001.md), [EGR1002](EGR1002.md) and",
  "[EGR1003](EGR1003.md).", "",
  "## Configuring severity", "",
  "Use a `.globalconfig` (`is_global = true`, then `dotnet_diagnostic.EGR1001.severity = error`) or `<WarningsAsErrors>`.",
  "`.editorconfig` severities do not reach diagnostics located in ARM or Bicep `AdditionalFiles`.", ""]
open(f"{root}/docs/rules/README.md", "w").write("\n".join(readme))
print("ok", len(pages))
