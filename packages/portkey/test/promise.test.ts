import { PromiseContract } from "@invitekit/testkit"
import { PortkeyProvider } from "../src/index.js"
import { AuthenticationError, InviteKitError, listInvites } from "../src/promise.js"

PromiseContract.run({
  definition: PortkeyProvider.definition,
  listInvites,
  AuthenticationError,
  InviteKitError,
  packageRoot: new URL("..", import.meta.url)
})
