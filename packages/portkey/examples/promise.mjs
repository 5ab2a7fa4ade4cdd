// Every Portkey invite, one per line. Reads PORTKEY_API_KEY and PORTKEY_BASE_URL, as the invitekit CLI does.
import { InviteKitError, listInvites } from "@invitekit/portkey/promise"

try {
  for await (const invite of listInvites({ timeout: 10_000 })) {
    console.log([invite.id, invite.email, invite.status, invite.invitedAt?.toISOString() ?? "-"].join("\t"))
  }
} catch (error) {
  if (!(error instanceof InviteKitError)) throw error
  console.error(`${error.tag}: ${error.message}`)
  process.exitCode = 1
}
