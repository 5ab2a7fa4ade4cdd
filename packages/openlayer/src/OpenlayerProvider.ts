/**
 * Openlayer as one definition: what the CLI, its help and its demo derive everything about Openlayer from.
 *
 * @since 0.2.0
 */
import * as ProviderDefinition from "@invitekit/core/ProviderDefinition"
import * as OpenlayerClient from "./OpenlayerClient.js"
import * as OpenlayerInvites from "./OpenlayerInvites.js"

/**
 * @since 0.2.0
 */
export const definition: ProviderDefinition.ProviderDefinition = ProviderDefinition.make({
  identity: OpenlayerClient.identity,
  variables: { key: OpenlayerClient.keyVariable, baseUrl: OpenlayerClient.baseUrlVariable, required: [OpenlayerClient.workspaceIdVariable], optional: [] },
  defaultBaseUrl: OpenlayerClient.defaultBaseUrl,
  pageSizes: OpenlayerInvites.pageSizes,
  capabilities: { revoke: false, workspaces: true },
  // An invite to one workspace, as its admin.
  privilegedRoles: { organization: ["ADMIN"], scopes: [] },
  // Openlayer answers 404 for a workspace the key cannot see.
  hint: (error) =>
    error._tag === "InvalidRequestError" && error.status === 404
      ? `Check ${OpenlayerClient.workspaceIdVariable}: it names a workspace this key cannot see.`
      : undefined,
  layerConfig: OpenlayerClient.layerConfig,
  layer: (account) => OpenlayerClient.layer({ apiKey: account.apiKey, baseUrl: account.baseUrl, workspaceIds: account.workspaces ?? [] }),
  makeSource: OpenlayerInvites.makeSource
})
