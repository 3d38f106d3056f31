/** A value sealed for a GitHub public key, as GitHub's secrets API requires (libsodium crypto_box_seal, base64). */
import sodium from "libsodium-wrappers";

export async function sealForGithub(value: string, publicKeyBase64: string): Promise<string> {
  await sodium.ready;
  const key = sodium.from_base64(publicKeyBase64, sodium.base64_variants.ORIGINAL);
  return sodium.to_base64(sodium.crypto_box_seal(sodium.from_string(value), key), sodium.base64_variants.ORIGINAL);
}
