import { PromiseContract } from "@invitekit/testkit"
import { AnthropicProvider } from "../src/index.js"
import { AuthenticationError, InviteKitError, listInvites } from "../src/promise.js"

PromiseContract.run({
  definition: AnthropicProvider.definition,
  listInvites,
  AuthenticationError,
  InviteKitError,
  packageRoot: new URL("..", import.meta.url)
})
