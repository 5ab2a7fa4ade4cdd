import { Contract } from "@invitekit/testkit"
import { OpenlayerProvider } from "../src/index.js"

Contract.run(OpenlayerProvider.definition, { count: 110, pageSize: 40 })
