/**
 * Portkey as one definition: what the CLI, its help and its demo derive everything about Portkey from.
 *
 * @since 0.2.0
 */
import * as ProviderDefinition from "@invitekit/core/ProviderDefinition"
import * as PortkeyClient from "./PortkeyClient.js"
import * as PortkeyInvites from "./PortkeyInvites.js"

/**
 * @since 0.2.0
 */
export const definition: ProviderDefinition.ProviderDefinition = ProviderDefinition.make({
  identity: PortkeyClient.identity,
  variables: { key: PortkeyClient.keyVariable, baseUrl: PortkeyClient.baseUrlVariable, required: [], optional: [] },
  defaultBaseUrl: PortkeyClient.defaultBaseUrl,
  pageSizes: PortkeyInvites.pageSizes,
  capabilities: { revoke: true, workspaces: false },
  privilegedRoles: { organization: ["owner", "admin"], scopes: [] },
  layerConfig: PortkeyClient.layerConfig,
  layer: (account) => PortkeyClient.layer({ apiKey: account.apiKey, baseUrl: account.baseUrl }),
  makeSource: PortkeyInvites.makeSource,
  makeRevoker: PortkeyInvites.makeRevoker
})
