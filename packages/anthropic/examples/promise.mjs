// Every Anthropic invite, one per line. Reads ANTHROPIC_ADMIN_KEY and ANTHROPIC_BASE_URL, as the invitekit CLI does.
import { InviteKitError, listInvites } from "@invitekit/anthropic/promise"

try {
  for await (const invite of listInvites({ timeout: 10_000 })) {
    console.log([invite.id, invite.email, invite.status, invite.invitedAt?.toISOString() ?? "-"].join("\t"))
  }
} catch (error) {
  if (!(error instanceof InviteKitError)) throw error
  console.error(`${error.tag}: ${error.message}`)
  process.exitCode = 1
}
