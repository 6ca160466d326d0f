// The hub firewall: its rules live in the policy the caller passes.
param location string
param policyId string

resource firewall 'Microsoft.Network/azureFirewalls@2024-05-01' = {
  name: 'fw-hub'
  location: location
  properties: {
    sku: { name: 'AZFW_VNet', tier: 'Standard' }
    firewallPolicy: { id: policyId }
  }
}
