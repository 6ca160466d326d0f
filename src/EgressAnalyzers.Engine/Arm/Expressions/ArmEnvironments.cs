using System;
using System.Collections.Generic;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Arm.Expressions;

/// <summary>
/// What ARM's <c>environment()</c> returns per cloud.
/// AzureCloud: the example output in the ARM "deployment functions" docs (MicrosoftDocs/azure-docs,
/// template-functions-deployment.md). AzureChinaCloud: the same page in the Azure China docs (mc-docs), whose
/// values — without trailing slashes — match ARM's metadata endpoint (/metadata/endpoints?api-version=2019-05-01).
/// AzureUSGovernment: no published environment() sample; values are ARM's metadata endpoint for that cloud,
/// in the environment() shape (suffixes with a leading dot where the other clouds have one).
/// </summary>
internal static class ArmEnvironments
{
    private static readonly string[] GlobalAudiences = { "https://management.core.windows.net/", "https://management.azure.com/" };
    private static readonly string[] ChinaAudiences = { "https://management.core.chinacloudapi.cn", "https://management.chinacloudapi.cn" };
    private static readonly string[] GovernmentAudiences = { "https://management.core.usgovcloudapi.net", "https://management.usgovcloudapi.net" };

    public static ArmObject? Create(string cloud, SourceSpan origin)
    {
        if (string.Equals(cloud, "AzureCloud", StringComparison.OrdinalIgnoreCase))
        {
            return Build(
                origin,
                name: "AzureCloud",
                gallery: "https://gallery.azure.com/",
                graph: "https://graph.windows.net/",
                portal: "https://portal.azure.com",
                graphAudience: "https://graph.windows.net/",
                activeDirectoryDataLake: "https://datalake.azure.net/",
                batch: "https://batch.core.windows.net/",
                media: "https://rest.media.azure.net",
                sqlManagement: "https://management.core.windows.net:8443/",
                resourceManager: "https://management.azure.com/",
                loginEndpoint: "https://login.microsoftonline.com/",
                audiences: GlobalAudiences,
                acrLoginServer: ".azurecr.io",
                datalakeAnalytics: "azuredatalakeanalytics.net",
                datalakeStore: "azuredatalakestore.net",
                frontDoor: "azurefd.net",
                keyvaultDns: ".vault.azure.net",
                sqlServerHostname: ".database.windows.net",
                storage: "core.windows.net");
        }

        if (string.Equals(cloud, "AzureChinaCloud", StringComparison.OrdinalIgnoreCase))
        {
            return Build(
                origin,
                name: "AzureChinaCloud",
                gallery: "https://gallery.chinacloudapi.cn",
                graph: "https://graph.chinacloudapi.cn",
                portal: "https://portal.azure.cn",
                graphAudience: "https://graph.chinacloudapi.cn",
                activeDirectoryDataLake: null,
                batch: "https://batch.chinacloudapi.cn",
                media: "https://rest.media.chinacloudapi.cn",
                sqlManagement: "https://management.core.chinacloudapi.cn:8443",
                resourceManager: "https://management.chinacloudapi.cn",
                loginEndpoint: "https://login.chinacloudapi.cn",
                audiences: ChinaAudiences,
                acrLoginServer: ".azurecr.cn",
                datalakeAnalytics: null,
                datalakeStore: null,
                frontDoor: string.Empty,
                keyvaultDns: ".vault.azure.cn",
                sqlServerHostname: ".database.chinacloudapi.cn",
                storage: "core.chinacloudapi.cn");
        }

        if (string.Equals(cloud, "AzureUSGovernment", StringComparison.OrdinalIgnoreCase))
        {
            return Build(
                origin,
                name: "AzureUSGovernment",
                gallery: "https://gallery.usgovcloudapi.net",
                graph: "https://graph.windows.net",
                portal: "https://portal.azure.us",
                graphAudience: "https://graph.windows.net",
                activeDirectoryDataLake: null,
                batch: "https://batch.core.usgovcloudapi.net",
                media: "https://rest.media.usgovcloudapi.net",
                sqlManagement: "https://management.core.usgovcloudapi.net:8443",
                resourceManager: "https://management.usgovcloudapi.net",
                loginEndpoint: "https://login.microsoftonline.us",
                audiences: GovernmentAudiences,
                acrLoginServer: ".azurecr.us",
                datalakeAnalytics: null,
                datalakeStore: null,
                frontDoor: string.Empty,
                keyvaultDns: ".vault.usgovcloudapi.net",
                sqlServerHostname: ".database.usgovcloudapi.net",
                storage: "core.usgovcloudapi.net");
        }

        return null;
    }

    private static ArmObject Build(
        SourceSpan origin,
        string name,
        string gallery,
        string graph,
        string portal,
        string graphAudience,
        string? activeDirectoryDataLake,
        string batch,
        string media,
        string sqlManagement,
        string resourceManager,
        string loginEndpoint,
        string[] audiences,
        string acrLoginServer,
        string? datalakeAnalytics,
        string? datalakeStore,
        string frontDoor,
        string keyvaultDns,
        string sqlServerHostname,
        string storage)
    {
        ArmProperty P(string key, ArmValue value) => new(key, value, origin);
        ArmProperty S(string key, string? value) => P(key, value is null ? ArmValue.Null(origin) : ArmValue.String(value, origin));

        var audienceValues = new ArmValue[audiences.Length];
        for (var i = 0; i < audiences.Length; i++)
        {
            audienceValues[i] = ArmValue.String(audiences[i], origin);
        }

        var authentication = new ArmObject(
            new List<ArmProperty>
            {
                S("loginEndpoint", loginEndpoint),
                P("audiences", ArmValue.Array(audienceValues, origin)),
                S("tenant", "common"),
                S("identityProvider", "AAD"),
            },
            origin);

        var suffixes = new ArmObject(
            new List<ArmProperty>
            {
                S("acrLoginServer", acrLoginServer),
                S("azureDatalakeAnalyticsCatalogAndJob", datalakeAnalytics),
                S("azureDatalakeStoreFileSystem", datalakeStore),
                S("azureFrontDoorEndpointSuffix", frontDoor),
                S("keyvaultDns", keyvaultDns),
                S("sqlServerHostname", sqlServerHostname),
                S("storage", storage),
            },
            origin);

        return new ArmObject(
            new List<ArmProperty>
            {
                S("name", name),
                S("gallery", gallery),
                S("graph", graph),
                S("portal", portal),
                S("graphAudience", graphAudience),
                S("activeDirectoryDataLake", activeDirectoryDataLake),
                S("batch", batch),
                S("media", media),
                S("sqlManagement", sqlManagement),
                S("vmImageAliasDoc", "https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/arm-compute/quickstart-templates/aliases.json"),
                S("resourceManager", resourceManager),
                P("authentication", authentication),
                P("suffixes", suffixes),
            },
            origin);
    }
}
