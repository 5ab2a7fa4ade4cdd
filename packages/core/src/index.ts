/**
 * @since 0.2.0
 */
export * as Audit from "./Audit.js"

/**
 * @since 0.2.0
 */
export * as AuditPolicy from "./AuditPolicy.js"

/**
 * @since 0.2.0
 */
export * as BaseUrl from "./BaseUrl.js"

/**
 * @since 0.1.0
 */
export * as Invite from "./Invite.js"

/**
 * @since 0.2.0
 */
export * as InviteStatus from "./InviteStatus.js"

/**
 * @since 0.1.0
 */
export * as InviteSource from "./InviteSource.js"

/**
 * @since 0.2.0
 */
export * as LastIdList from "./LastIdList.js"

/**
 * @since 0.2.0
 */
export * as PageSize from "./PageSize.js"

/**
 * @since 0.1.0
 */
export * as Pagination from "./Pagination.js"

/**
 * @since 0.1.0
 */
export * as Provider from "./Provider.js"

/**
 * @since 0.2.0
 */
export * as ProviderClient from "./ProviderClient.js"

/**
 * @since 0.1.0
 */
export * as ProviderConfig from "./ProviderConfig.js"

/**
 * @since 0.2.0
 */
export * as ProviderDefinition from "./ProviderDefinition.js"

/**
 * @since 0.1.0
 */
export * as ProviderError from "./ProviderError.js"

/**
 * @since 0.1.0
 */
export * as ProviderHttp from "./ProviderHttp.js"

/**
 * @since 0.2.0
 */
export * as ProviderSettings from "./ProviderSettings.js"

/**
 * @since 0.1.0
 */
export * as Retry from "./Retry.js"

/**
 * @since 0.2.0
 */
export * as Revoker from "./Revoker.js"

/**
 * @since 0.2.0
 */
export * as ShortDuration from "./ShortDuration.js"

/**
 * A fast path for decoding wire schemas: compiled once, decoding exactly as effect's parser does.
 *
 * @since 0.2.0
 */
export * as WireDecode from "./WireDecode.js"

/**
 * @since 0.1.0
 */
export * as WireSchema from "./WireSchema.js"

/**
 * @since 0.2.0
 */
export * as InviteKitError from "./InviteKitError.js"
