/** What a refused mutation says, in every mutation document: the message, and for a
 * ValidationError each bad field (errorsOf turns it into errors by field). */
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
  }
`);
