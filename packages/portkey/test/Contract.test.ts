import { Contract } from "@invitekit/testkit"
import { PortkeyProvider } from "../src/index.js"

Contract.run(PortkeyProvider.definition, { count: 230, pageSize: 40, concurrency: 4 })
