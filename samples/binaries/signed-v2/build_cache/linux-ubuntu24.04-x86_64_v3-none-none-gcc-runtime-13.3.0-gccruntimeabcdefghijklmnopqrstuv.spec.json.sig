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
"hash":"4d1049d3f4d77ba2c03fe397aecfc174ba6feea7bbc133e2a094ca3e225da7f6"
}
}
-----BEGIN PGP SIGNATURE-----
Version: BouncyCastle.NET Cryptography (net6.0) v2.7.0+4007498b13

iQEzBAEBCgAdBQJoQ/OmFiEEf3DCu2v/8Q7YQmsTBdRZLp6T1QQACgkQBdRZLp6T
1QSlRwf9HYsfR+RhQAjZySVxuoi7hvB9zIMriECXNABlDw9qsMOC7ecoyWRNpIbg
0v76m8j/ZGLTclUfM5+NPo3wIcvxZ8HUMLUnj3w7dzXcHjHn8YOOueFwjdQXc6+3
wJQl1gu8fe3eSacgoHTLKM3MUO+qUj33XfNZOMyFzLQhXs3x9mt8aaUJjcG0eXin
luY6rrCdxCcA3bkSCnVx7eGYb/3FIGqK3KkiNDcWVSNQkyR6h645FJok3UtCuoCR
QJDBwbQfwrPwS1VUwnHd8lxyAFB4/yCf/w6q6MvO5OhZxzDXJGtkgG5B4Eg54hhZ
V0mLyD+6FhnUobT8grnKQrrjNwLALw==
=UlPt
-----END PGP SIGNATURE-----
