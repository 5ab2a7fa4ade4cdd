import { PromiseContract } from "@invitekit/testkit"
import { OpenlayerProvider } from "../src/index.js"
import { AuthenticationError, InviteKitError, listInvites } from "../src/promise.js"

PromiseContract.run({
  definition: OpenlayerProvider.definition,
  listInvites,
  AuthenticationError,
  InviteKitError,
  extra: (emulator) => ({ workspaceIds: emulator.openlayer.workspaceIds }),
  packageRoot: new URL("..", import.meta.url)
})
