/// Keys and vectors made outside Swift (OpenSSL 3.0, Python's zlib, bcrypt, argon2-cffi, cryptography),
/// so the tests check Sesame against other implementations rather than against itself.
enum Fixtures {
    /// `openssl genrsa -traditional 2048`: a PKCS#1 `RSA PRIVATE KEY`.
    static let rsaPKCS1PEM = """
-----BEGIN RSA PRIVATE KEY-----
MIIEogIBAAKCAQEAwcg1PNhwdIHw1h6Dgguql0MI+wwQ1BPPT6u9JdVmNH4waVQU
8E9sS6jgCpGf8cinqMgyBXmgxP84+PkKKgZCfux02vmP3jFnPaFw5B64CX45DlZk
L6J5VMgQnVBzG+9ccmHMxFjzdVSNWJXg33L0xS/lobbadGJtjPL/vgsRX5UK8wIF
bEFLTYiwXu6CZV2K47tQUWmTIRpM3bw6T9KKRbdqkMelvqJUds9Gw53X+u7gyZ9d
K//KwYLC7dmnKPYnD5EnmKNFvt8Ztm7LIe0bjhQq+lxfiJjhsN3WVoNWpAsZk4V1
5PqF2guKdOlWmvOHoijpLbuoTgq2KwvVK/UrHQIDAQABAoIBAAIjRksUjDEM2e5S
ydqebFRc3fV/DZR5X3keiOio8Qa1Oa1/yvdXuPcgttAHCT+umgLnqn2a+OYTdrpw
bOdHyGYED8n2pNqrqtroNAmgOSGJrfF1jIdmAHap+lzx7UMqodd1MsAbxxvNQf3v
MVrltsOSIrNlBAXyrAi5CY88KgXm5xk+mpeB9u6E0fd9k3w+exv8LbyVoZAoI0Vs
VQX54PfHMjJMMQ5NBjYP8KvAG/WXK0AlH3XXjZAHtpjlanBECRKAKimin7jxf65U
7/xq2yQYIDjW9gL1TPH5ENDwLCN/utnDfJbhsDjsZdiI1VlDiNhbB/ikdQW+1AHT
Pw7XlWECgYEA8H2yWoR/kOFRO+Ldm96HRXKBfgNyAVMc0nsPHW9wXxBbX5mPK3c+
mHKTyVDz4BV3EBtQ2/k0iGkWTceV9yX+o8QybWqTq5vbIIizm5giVRqf4hYizqp2
YlMd/PVHyTFrSyWqqkMpsWZ98gnvzSKlTEgxuRzf5JW/qEZVf3wOJCkCgYEAzkdi
2IrKbLU+uAECCaTyHlQW3bgPmEDRa6tnM22yNfPL8PFq/GfvxNaAoVHP9SuHzhdW
FIIabgt9ldz3FnQazRt8PDK9VC6fMYmStUFC9vpDqevzKBatVMedk/qNrAPX+zj6
Lv+MdKISdQinboaCmN4U0JRss7buBM9gsEzjDdUCgYBONnME4UajlcPXmCa+hJa1
zVGz6+bt61vaUE9QIWgIYsd0xfo8BqIC7nCF7qAB5rk8McYQZHHjU1n/ncN2B5NT
K4HC+ABitWOEpzDSj53K08ffvZdAY0vxGlsMY7EfC8V7QRrKGOG8Yjrftr+YlYXw
0yHotC1UqCcW0RkJRw1KUQKBgCVAOPZ34eRNurzJ2c9aDSsy7kot4gsRsX/rHSDp
b2RU2YByaGqabm8yeVoohxB0QvsRtcbQU+uJga1dkPVqFCj0DLRmSVB5duAgQvEe
jvRA75Uw+eFEbxq/TZKajZkBvLAucuen2Hp7hi/CV1IbUlw+xq2AED1IDKWruX88
80fdAoGAO21IFCnagMTpKFB6l0ZF88MRM5jJzBo+kGsZk4f7wwVF0KXEQiiLSczG
LPfsOosdNFyMx/CaUfxgcIvXoytmd+/xkUjUsnlX6Erm6Cxbk6lyFVLw67kB+4F7
IKh0CPOgu1EkCZO0RUewfOE8z++bYoR8e2yxWw+Kb21fLkvKa+w=
-----END RSA PRIVATE KEY-----
"""
    /// First 16 base64url characters of SHA-256 over `openssl pkey -pubout -outform DER` of ``rsaPKCS1PEM``.
    static let rsaKID = "QFpIpurdA-TxAHeR"
    /// The modulus of ``rsaPKCS1PEM``, base64url, as Python's `cryptography` computes it.
    static let rsaModulus = "wcg1PNhwdIHw1h6Dgguql0MI-wwQ1BPPT6u9JdVmNH4waVQU8E9sS6jgCpGf8cinqMgyBXmgxP84-PkKKgZCfux02vmP3jFnPaFw5B64CX45DlZkL6J5VMgQnVBzG-9ccmHMxFjzdVSNWJXg33L0xS_lobbadGJtjPL_vgsRX5UK8wIFbEFLTYiwXu6CZV2K47tQUWmTIRpM3bw6T9KKRbdqkMelvqJUds9Gw53X-u7gyZ9dK__KwYLC7dmnKPYnD5EnmKNFvt8Ztm7LIe0bjhQq-lxfiJjhsN3WVoNWpAsZk4V15PqF2guKdOlWmvOHoijpLbuoTgq2KwvVK_UrHQ"

    /// `openssl ecparam -genkey -name prime256v1 -noout`: a SEC 1 `EC PRIVATE KEY`.
    static let ecSEC1PEM = """
-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIHmuGI2jDuI6iZeUqEwyhuY//QR5LSHo20eaVoYqKePKoAoGCCqGSM49
AwEHoUQDQgAELDQU5xnSV2Hv98OsJ2gkULRB9j72K/F0+P2mCFe+jSS3VfLhqJlF
ctq+lRWaZ8PVxJGHkSAxYlcuMYipJLWZEg==
-----END EC PRIVATE KEY-----
"""
    /// First 16 base64url characters of SHA-256 over the DER public key of ``ecSEC1PEM``.
    static let ecKID = "AlXo2wPs3gG3p3g3"
    /// The public point of ``ecSEC1PEM``, base64url, as Python's `cryptography` computes it.
    static let ecX = "LDQU5xnSV2Hv98OsJ2gkULRB9j72K_F0-P2mCFe-jSQ"
    /// See ``ecX``.
    static let ecY = "t1Xy4aiZRXLavpUVmmfD1cSRh5EgMWJXLjGIqSS1mRI"

    /// `openssl genrsa -traditional 1024`: too small to sign with.
    static let rsa1024PEM = """
-----BEGIN RSA PRIVATE KEY-----
MIICXQIBAAKBgQDOM6AQm3kF2mc+9/tdbo6Hag2km8QUN1nJ+72/H0kjAftqVt0A
/M+/hpT60CSj5SPXt+mbnFeM82lKy1GOiJYcznqcOzCEo6UuIXftrCgo6BdcaVps
YVoOMQWW2ogj0+0XzdHtfemO/jfwSh0XVOOlbDtgZICVUa3ut5Olx+XTxQIDAQAB
AoGAYr90Yx+heH0cPpqRZTAhz5WpTPBPmYLcXA9T0ihQZRR463cHxYZMkyMHS4nM
UjTU0mS/2gaoItca0HfH6eNdRzeZQyWm2vmSVbO2O62l5/XbrfOnWLYC7RIt+dB9
+6Le8mc3lekJjMivXV+N2J4yCZtB8ZiN+6UEdw1UX1fSFmECQQD4jrcU6Ambzo7/
FhzRUQwNhVdOp0Z1Vk67o1Rn2Fjs4E67trM/wvNqLWezV303Rh0JIfN0t9VV2Whw
6c1l5T8pAkEA1GA8smAhTYC0RriTfhOp3q0aGNqbih7BFsoadbCl42pZc8aI6OBS
hj8xcVjMLGPbn9zax5t+nYuWD6BWTitvPQJAVJZE6gF5W6O0+ExvLDC3uFY7exHk
IYRosOSJkfmHcb14LdukLrvKmMSw+NB6VXgv427BamQxXtDpARwgAWA92QJBAIfX
Mpupr0OCgk0F/JlU/H+I2ztwgLJ872ajSP9kSQdIXAUYxTOnYEGsI/TrJlVyXeVH
/8xTIk6lHQvLs8h2McUCQQCHOex8VNr1u77A47a35ff0PdE6WspKom2JboxXkx2j
1jcS9It3PQQQhEKC4JmSYQdtRyahNNw4NRRkCEBc8MI6
-----END RSA PRIVATE KEY-----
"""

    /// `openssl ecparam -genkey -name secp384r1 -noout`: a curve Sesame does not sign with.
    static let ecP384PEM = """
-----BEGIN EC PRIVATE KEY-----
MIGkAgEBBDC3xktevYgDOIHc0G8ZCuPp3Lzr2X6owThNiTgPjzbEe/MvtIVkiSAB
sPdgkBNyWnOgBwYFK4EEACKhZANiAAQr0LYmb7VwgurMstOyI1XgckkkbCJnfdAm
rNmeppqqogkID+AwU2PLcSeTkPwfKe5z/HjUf4RcRaq6ZFOp7xdhe63YpcmA+Bgp
TYzGO6Z4NmbFZKZ2ivmj1GWzWTeIcc8=
-----END EC PRIVATE KEY-----
"""
}
