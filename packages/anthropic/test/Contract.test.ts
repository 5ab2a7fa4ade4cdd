import { Contract } from "@invitekit/testkit"
import { AnthropicProvider } from "../src/index.js"

Contract.run(AnthropicProvider.definition, { count: 250, pageSize: 40 })
