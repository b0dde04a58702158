package dev.wharf.cli.verbs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.cli.CliException;
import dev.wharf.cli.args.OptionSpec;
import dev.wharf.cli.output.Column;

import java.util.List;

/** {@code wharf site ...}: a tenant's site settings (who may connect from where, and how). */
final class SiteVerbs {
    static final List<Column> FIELDS = List.of(Column.of("allowed address ranges", "allowedCidrs"),
            Column.of("allowed countries", "allowedCountries"), Column.of("denied countries", "deniedCountries"),
            Column.of("plain FTP allowed", "plainFtpAllowed"), Column.of("active FTP allowed", "activeFtpAllowed"),
            Column.of("protocols per group", "protocolsPerGroup"),
            Column.of("host names", "hostnames"), Column.of("2FA grace seconds", "otpGraceSeconds"),
            Column.of("address rule", "addressRule"), Column.of("protocols switched off", "disabledProtocols"),
            Column.of("2FA required", "secondFactorRequired"), Column.of("2FA exempt", "secondFactorExempt"),
            Column.of("password max age days", "passwordMaxAgeDays"), Column.of("quota bytes", "quotaBytes"),
            Column.of("quota files", "quotaFiles"), Column.of("max file size", "maxFileSize"),
            Column.of("shared folder quotas", "sharedFolderQuotas"),
            Column.of("used bytes", "usedBytes"), Column.of("used files", "usedFiles"));

    private SiteVerbs() {
    }

    static VerbGroup group() {
        return VerbGroup.of("site", "a tenant's site settings",
                Verb.tenant("show", "", "the site settings", in ->
                        in.out().record(FIELDS, in.api().identity("GET", in.tenantPath("settings"), null))),
                Verb.tenant("set", "", "change site settings (the others keep their value; \"\" clears a list)",
                        SiteVerbs::set,
                        OptionSpec.value("allowed-cidrs", "list", "connections only from these CIDR ranges"),
                        OptionSpec.value("allowed-countries", "list", "only from these countries (ISO 3166-1 alpha-2:"
                                + " GB,IE)"),
                        OptionSpec.value("denied-countries", "list", "never from these countries"),
                        OptionSpec.value("plain-ftp", "true|false", "allow unencrypted FTP"),
                        OptionSpec.value("active-ftp", "true|false", "allow active FTP (PORT/EPRT) where the gateway"
                                + " permits it (off by default)"),
                        OptionSpec.value("protocols-per-group", "true|false", "protocol access comes from groups"),
                        OptionSpec.value("hostnames", "list", "the tenant's own host names (ftp.example.com)"),
                        OptionSpec.value("otp-grace", "duration", "2FA grace window: 0 (off) to 24h; e.g. 300, 5m"),
                        OptionSpec.value("address-rule", "both|either", "both: the site's ranges and a user's (or its"
                                + " groups') must each admit an address; either: one of them is enough"),
                        OptionSpec.value("disabled-protocols", "list", "switch protocols off for the whole site:"
                                + " ftp,ftps,sftp,https (\"\" = none)"),
                        OptionSpec.value("require-2fa", "true|false", "every user must have 2FA (TOTP) to log in"),
                        OptionSpec.value("require-2fa-exempt", "list", "logins a user without 2FA may still use"
                                + " when it is required: api-keys,ssh-keys (\"\" = none, the default)"),
                        OptionSpec.value("password-max-age-days", "days", "days a password may be used before it"
                                + " must be changed (0 = no maximum)"),
                        OptionSpec.value("quota-bytes", "size", "most bytes the whole site may hold: a number with k,"
                                + " m, g or t (500g), or none"),
                        OptionSpec.value("quota-files", "count", "most files the whole site may hold, or none"),
                        OptionSpec.value("max-file-size", "size", "largest file any user may upload: a number with"
                                + " k, m, g or t (2g), or none (a user's own limit applies too: the smaller wins)"),
                        OptionSpec.value("shared-folder-quotas", "list", "limits of shared folders, ';'-separated"
                                + " '<folder> <bytes> [<files>]' ('-': none of that kind; \"\" = none)")));
    }

    private static void set(Invocation in) {
        ObjectNode body = in.object();
        in.options().list("allowed-cidrs").ifPresent(l -> body.set("allowedCidrs", in.array(l)));
        in.options().list("allowed-countries").ifPresent(l -> body.set("allowedCountries", in.array(upper(l))));
        in.options().list("denied-countries").ifPresent(l -> body.set("deniedCountries", in.array(upper(l))));
        in.options().bool("plain-ftp").ifPresent(b -> body.put("plainFtpAllowed", b));
        in.options().bool("active-ftp").ifPresent(b -> body.put("activeFtpAllowed", b));
        in.options().bool("protocols-per-group").ifPresent(b -> body.put("protocolsPerGroup", b));
        in.options().list("hostnames").ifPresent(l -> body.set("hostnames", in.array(l)));
        in.options().seconds("otp-grace").ifPresent(s -> body.put("otpGraceSeconds", s));
        in.options().value("address-rule").ifPresent(r -> {
            if (!r.equals("both") && !r.equals("either")) {
                throw CliException.usage("--address-rule takes both or either, not \"" + r + "\"");
            }
            body.put("addressRule", r);
        });
        in.options().list("disabled-protocols").ifPresent(l -> body.set("disabledProtocols", in.array(l)));
        in.options().bool("require-2fa").ifPresent(b -> body.put("secondFactorRequired", b));
        in.options().list("require-2fa-exempt").ifPresent(l -> body.set("secondFactorExempt", in.array(l)));
        in.options().count("password-max-age-days").ifPresent(n -> body.put("passwordMaxAgeDays", Math.max(0, n)));
        in.options().size("quota-bytes").ifPresent(n -> body.put("quotaBytes", n));
        in.options().size("quota-files").ifPresent(n -> body.put("quotaFiles", n));
        in.options().size("max-file-size").ifPresent(n -> body.put("maxFileSize", n));
        in.options().semicolonList("shared-folder-quotas").ifPresent(l -> body.set("sharedFolderQuotas", in.array(l)));
        if (body.isEmpty()) {
            throw CliException.usage("nothing to set: give at least one option (see wharf site set --help)");
        }
        in.out().record(FIELDS, in.api().identity("PUT", in.tenantPath("settings"), body));
    }

    private static List<String> upper(List<String> codes) {
        return codes.stream().map(c -> c.toUpperCase(java.util.Locale.ROOT)).toList();
    }
}
