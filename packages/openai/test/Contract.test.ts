import { Contract } from "@invitekit/testkit"
import { OpenAiProvider } from "../src/index.js"

Contract.run(OpenAiProvider.definition, { count: 250, pageSize: 40 })
