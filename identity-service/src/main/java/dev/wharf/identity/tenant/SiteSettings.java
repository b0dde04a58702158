package dev.wharf.identity.tenant;

import java.util.List;

/**
 * A tenant's site settings as the admin API shows them (realm attributes, docs/service-api.md "Site settings").
 * In an update, a field left out (null) keeps its value and an empty list clears one.
 *
 * @param otpGraceSeconds   the 2FA grace window: seconds after a 2FA login in which the same user from the same
 *                          client address logs in with the password alone (0: off; at most one day)
 * @param plainFtpAllowed   unencrypted FTP allowed
 * @param protocolsPerGroup protocol access comes from the user's groups
 * @param allowedCidrs      connections must come from these ranges (empty: any)
 * @param allowedCountries  ISO 3166-1 alpha-2 countries connections must come from (empty: any)
 * @param deniedCountries   ISO 3166-1 alpha-2 countries connections must not come from
 * @param hostnames         the tenant's own host names, besides {@code <tenant>.<base domain>}
 * @param addressRule       {@code both} (default: the site's ranges and a user's or its groups' must each admit
 *                          the address) or {@code either} (one of them admitting it is enough)
 * @param disabledProtocols protocols switched off for the whole site: ftp, ftps, sftp, https
 * @param secondFactorRequired every user must have 2FA (TOTP) enrolled to log in
 *                          ({@code second_factor_enrolment_required} otherwise)
 * @param secondFactorExempt login methods a user without 2FA may still use when it is required: {@code api-keys},
 *                          {@code ssh-keys} (empty: none)
 * @param passwordMaxAgeDays days a password may be used after it was set (0: no maximum); older passwords are
 *                          refused with {@code password_change_required}
 * @param activeFtpAllowed  the site's users may use active FTP (PORT/EPRT), where the gateway's operator allows
 *                          active mode at all (default off; otherwise refused as {@code active_mode_disabled})
 * @param quotaBytes        most bytes the tenant's files may hold together ({@code -1} in an update: no limit; null
 *                          when shown: none)
 * @param quotaFiles        most files the tenant may hold (as {@code quotaBytes})
 * @param maxFileSize       largest file any user of the tenant may upload, in bytes (as {@code quotaBytes}); a user's
 *                          own {@code maxFileSize} applies too, the smaller wins
 * @param sharedFolderQuotas limits of shared folders, {@code <folder> <bytes> [<files>]} each ({@code -}: none of
 *                          that kind; {@code []}: none)
 * @param usedBytes         shown only: what the tenant's files hold now, counted by storage-service (null: not known);
 *                          ignored in an update
 * @param usedFiles         shown only: how many files the tenant holds now
 */
public record SiteSettings(Long otpGraceSeconds, Boolean plainFtpAllowed, Boolean protocolsPerGroup,
                           List<String> allowedCidrs, List<String> allowedCountries, List<String> deniedCountries,
                           List<String> hostnames, String addressRule, List<String> disabledProtocols,
                           Boolean secondFactorRequired, List<String> secondFactorExempt, Integer passwordMaxAgeDays,
                           Boolean activeFtpAllowed, Long quotaBytes, Long quotaFiles, Long maxFileSize,
                           List<String> sharedFolderQuotas, Long usedBytes, Long usedFiles) {

    /** An update of the settings that existed before the site's largest file. */
    public SiteSettings(Long otpGraceSeconds, Boolean plainFtpAllowed, Boolean protocolsPerGroup,
                        List<String> allowedCidrs, List<String> allowedCountries, List<String> deniedCountries,
                        List<String> hostnames, String addressRule, List<String> disabledProtocols,
                        Boolean secondFactorRequired, List<String> secondFactorExempt, Integer passwordMaxAgeDays,
                        Boolean activeFtpAllowed, Long quotaBytes, Long quotaFiles,
                        List<String> sharedFolderQuotas, Long usedBytes, Long usedFiles) {
        this(otpGraceSeconds, plainFtpAllowed, protocolsPerGroup, allowedCidrs, allowedCountries, deniedCountries,
                hostnames, addressRule, disabledProtocols, secondFactorRequired, secondFactorExempt,
                passwordMaxAgeDays, activeFtpAllowed, quotaBytes, quotaFiles, null, sharedFolderQuotas, usedBytes,
                usedFiles);
    }

    /** An update of the settings that existed before the site's quotas. */
    public SiteSettings(Long otpGraceSeconds, Boolean plainFtpAllowed, Boolean protocolsPerGroup,
                        List<String> allowedCidrs, List<String> allowedCountries, List<String> deniedCountries,
                        List<String> hostnames, String addressRule, List<String> disabledProtocols,
                        Boolean secondFactorRequired, List<String> secondFactorExempt, Integer passwordMaxAgeDays,
                        Boolean activeFtpAllowed) {
        this(otpGraceSeconds, plainFtpAllowed, protocolsPerGroup, allowedCidrs, allowedCountries, deniedCountries,
                hostnames, addressRule, disabledProtocols, secondFactorRequired, secondFactorExempt,
                passwordMaxAgeDays, activeFtpAllowed, null, null, null, null, null, null);
    }

    /** These settings with the tenant's usage. */
    public SiteSettings withUsage(dev.wharf.core.quota.Usage used) {
        return used == null ? this : new SiteSettings(otpGraceSeconds, plainFtpAllowed, protocolsPerGroup,
                allowedCidrs, allowedCountries, deniedCountries, hostnames, addressRule, disabledProtocols,
                secondFactorRequired, secondFactorExempt, passwordMaxAgeDays, activeFtpAllowed, quotaBytes,
                quotaFiles, maxFileSize, sharedFolderQuotas, used.bytes(), used.files());
    }

    /** An update of the settings that existed before active FTP. */
    public SiteSettings(Long otpGraceSeconds, Boolean plainFtpAllowed, Boolean protocolsPerGroup,
                        List<String> allowedCidrs, List<String> allowedCountries, List<String> deniedCountries,
                        List<String> hostnames, String addressRule, List<String> disabledProtocols,
                        Boolean secondFactorRequired, List<String> secondFactorExempt, Integer passwordMaxAgeDays) {
        this(otpGraceSeconds, plainFtpAllowed, protocolsPerGroup, allowedCidrs, allowedCountries, deniedCountries,
                hostnames, addressRule, disabledProtocols, secondFactorRequired, secondFactorExempt,
                passwordMaxAgeDays, null);
    }

    /** An update of the settings that existed before the login requirements. */
    public SiteSettings(Long otpGraceSeconds, Boolean plainFtpAllowed, Boolean protocolsPerGroup,
                        List<String> allowedCidrs, List<String> allowedCountries, List<String> deniedCountries,
                        List<String> hostnames, String addressRule, List<String> disabledProtocols) {
        this(otpGraceSeconds, plainFtpAllowed, protocolsPerGroup, allowedCidrs, allowedCountries, deniedCountries,
                hostnames, addressRule, disabledProtocols, null, null, null);
    }

    /** An update of the settings that existed before the address rule and the protocol switches. */
    public SiteSettings(Long otpGraceSeconds, Boolean plainFtpAllowed, Boolean protocolsPerGroup,
                        List<String> allowedCidrs, List<String> allowedCountries, List<String> deniedCountries,
                        List<String> hostnames) {
        this(otpGraceSeconds, plainFtpAllowed, protocolsPerGroup, allowedCidrs, allowedCountries, deniedCountries,
                hostnames, null, null);
    }
}
