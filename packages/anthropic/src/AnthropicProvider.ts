/**
 * Anthropic as one definition: what the CLI, its help and its demo derive everything about Anthropic from.
 *
 * @since 0.2.0
 */
import * as ProviderDefinition from "@invitekit/core/ProviderDefinition"
import * as AnthropicClient from "./AnthropicClient.js"
import * as AnthropicInvites from "./AnthropicInvites.js"

/**
 * @since 0.2.0
 */
export const definition: ProviderDefinition.ProviderDefinition = ProviderDefinition.make({
  identity: AnthropicClient.identity,
  variables: { key: AnthropicClient.keyVariable, baseUrl: AnthropicClient.baseUrlVariable, required: [], optional: [AnthropicClient.versionVariable] },
  defaultBaseUrl: AnthropicClient.defaultBaseUrl,
  pageSizes: AnthropicInvites.pageSizes,
  capabilities: { revoke: true, workspaces: false },
  privilegedRoles: { organization: ["admin"], scopes: [] },
  layerConfig: AnthropicClient.layerConfig,
  layer: (account) => AnthropicClient.layer({ apiKey: account.apiKey, baseUrl: account.baseUrl }),
  makeSource: AnthropicInvites.makeSource,
  makeRevoker: AnthropicInvites.makeRevoker
})
