/**
 * OpenAI as one definition: what the CLI, its help and its demo derive everything about OpenAI from.
 *
 * @since 0.2.0
 */
import * as ProviderDefinition from "@invitekit/core/ProviderDefinition"
import * as OpenAiClient from "./OpenAiClient.js"
import * as OpenAiInvites from "./OpenAiInvites.js"

/**
 * @since 0.2.0
 */
export const definition: ProviderDefinition.ProviderDefinition = ProviderDefinition.make({
  identity: OpenAiClient.identity,
  variables: { key: OpenAiClient.keyVariable, baseUrl: OpenAiClient.baseUrlVariable, required: [], optional: [] },
  defaultBaseUrl: OpenAiClient.defaultBaseUrl,
  pageSizes: OpenAiInvites.pageSizes,
  capabilities: { revoke: true, workspaces: false },
  // An organization owner, and the owner of a project the invite adds them to.
  privilegedRoles: { organization: ["owner"], scopes: ["owner"] },
  layerConfig: OpenAiClient.layerConfig,
  layer: (account) => OpenAiClient.layer({ apiKey: account.apiKey, baseUrl: account.baseUrl }),
  makeSource: OpenAiInvites.makeSource,
  makeRevoker: OpenAiInvites.makeRevoker
})
