package dev.wharf.web.files;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;

/**
 * A refusal whose detail the refusal page shows besides the reason's message: what an administrator typed and the
 * admin API refused ("10.1 is not a CIDR"), never anything about other tenants or secrets.
 */
public class ExplainedRefusal extends WharfException {
    public ExplainedRefusal(Reason reason, String explanation, Throwable cause) {
        super(reason, explanation, cause);
    }
}
