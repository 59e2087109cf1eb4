-----BEGIN PGP SIGNED MESSAGE-----
Hash: SHA512

{
"spec":{
"_meta":{
"version":4
},
"nodes":[]
},
"buildcache_layout_version":2,
"binary_cache_checksum":{
"hash_algorithm":"sha256",
"hash":"92a1815d78704c9aca7817419f553704a12a2258dc60530700a742653c3c2b44"
}
}
-----BEGIN PGP SIGNATURE-----
Version: BouncyCastle.NET Cryptography (net6.0) v2.7.0+4007498b13

iQEzBAEBCgAdBQJoQ/OmFiEEf3DCu2v/8Q7YQmsTBdRZLp6T1QQACgkQBdRZLp6T
1QTW6wgArq69kqUUK2+N2o0/VT7HkWEC/UY+Z8HrZR/zmwIm9xGe54Qn87KAlMth
WWXjLZyvvzwx2Rp8x4RPTicLWs94gqTUri+JHEXWQlIvTgEzmomq/BvdwFWAPTXn
dhl9aFoQrprkEqW+WYcOClcjj8x6wvnrbAy4vCduLZzbMxLQQRLP3JrQot5RYRfW
1JZfsEw6WmTGnTdpf+ZNRUaqJETBw6/pNUq+xCnNhC/U6qGbmdsovGbbw0WT0d3l
ESVXaC7oTapOQmyyGfc81lrAcu4vrKGlc75vDwDUwYSlrnZqHi2lDz2VTHu79nZr
AtKKxv5QNLpPG76H4WbhY9rJ6rQMCQ==
=4jEd
-----END PGP SIGNATURE-----
