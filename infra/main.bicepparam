using 'main.bicep'

// Example parameters. Secrets come from environment variables (or Key Vault), never from this file:
//   export PORTAL_MANAGE_LINK_SECRET="$(openssl rand -base64 32)" PORTAL_SMTP_PASSWORD=... PORTAL_AUTH_SECRET=...
//   az deployment group create -g rg-portal -f infra/main.bicep -p infra/main.bicepparam
param namePrefix = 'rp-demo'
param publicBaseUrl = ''
param manageLinkSecret = readEnvironmentVariable('PORTAL_MANAGE_LINK_SECRET')
param smtpUser = readEnvironmentVariable('PORTAL_SMTP_USER', '')
param smtpPassword = readEnvironmentVariable('PORTAL_SMTP_PASSWORD', '')
param authClientId = readEnvironmentVariable('PORTAL_AUTH_CLIENT_ID', '')
param authClientSecret = readEnvironmentVariable('PORTAL_AUTH_SECRET', '')
