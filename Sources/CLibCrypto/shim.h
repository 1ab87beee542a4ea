/* OpenSSL's libcrypto (Debian's libssl-dev), found through pkg-config `libcrypto`: only the
   EVP digest API, for the SHA-256 sums in run manifests. */
#include <openssl/evp.h>
