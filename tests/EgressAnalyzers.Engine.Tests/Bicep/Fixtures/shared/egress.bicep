// Shared egress lists, as platform repositories keep them: exported, and imported by the hubs (compile-time imports).
@export()
var coreFqdns = [
  'mcr.microsoft.com'
  '*.data.mcr.microsoft.com'
  'mcr-0001.mcr-msedge.net'
  'management.azure.com'
  'login.microsoftonline.com'
  'packages.microsoft.com'
]

@export()
var binaryFqdns = [ 'packages.aks.azure.com' ]

var suffix = 'azmk8s.io'

@export()
var regionalFqdns = [ '*.hcp.westeurope.${suffix}', '*.hcp.northeurope.${suffix}' ]

@export()
func apiServer(region string) string => '*.hcp.${toLower(region)}.azmk8s.io'
