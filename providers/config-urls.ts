/** URL settings of provider configurations, with messages that say what is wrong rather than zod's bare "Invalid URL". */
import { z } from "zod";

/** A provider's own address (a Jira site, an Okta org), where credentials go: https only. */
export const httpsUrl = () => z.url({ protocol: /^https$/, error: "must be an https URL, like https://example.com" });

/** An override of the API address (a proxy, a simulator): http is accepted here and refused later unless private networks are allowed. */
export const httpOrHttpsUrl = () => z.url({ protocol: /^https?$/, error: "must be an http or https URL" });
