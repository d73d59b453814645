/** What a refused mutation says, in every mutation document: the message, for a
 * ValidationError each bad field (errorsOf turns it into errors by field), and for a
 * ServiceUnavailableError when to try again. */
import { graphql } from "../../generated";

export const REFUSAL = graphql(`
  fragment Refusal on UserError {
    message
    ... on ValidationError {
      fields {
        field
        message
      }
    }
    ... on ServiceUnavailableError {
      retryAfterSeconds
    }
  }
`);
