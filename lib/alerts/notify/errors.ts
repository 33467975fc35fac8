import { ApiError } from "../../api/errors";
import { DestinationNameTaken } from "./destinations";
import { MasterKeyMissing } from "./secret";

// The destination routes' domain errors in the one API error shape.
export function destinationApiError(error: unknown, name?: string): unknown {
  if (error instanceof DestinationNameTaken)
    return new ApiError(409, "name_taken", `A destination named "${name}" exists already (disabled ones too).`);
  if (error instanceof MasterKeyMissing)
    return new ApiError(503, "not_configured", `Webhooks need a signing key on the server: ${error.message}`);
  return error;
}
